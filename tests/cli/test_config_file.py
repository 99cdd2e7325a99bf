"""Settings from [tool.factcheck] / factcheck.toml / --config, FACTCHECK_* and the command line."""

from __future__ import annotations

import json
import re

import pytest

from factcheck.config import ConfigError, path_matches
from factcheck.configure import load_settings
from factcheck.model import Severity
from tests.cli.conftest import ERRORS, INFO_ONLY, WARNINGS_ONLY

PYPROJECT = """[project]
name = "book"

[tool.factcheck]
fail-on = "warning"
exclude = ["notes/*.md"]
published = "2025-06-01"
lexicon = "style/names.dic"

[tool.factcheck.severity]
CLM005 = "warning"
cit001 = "info"

[tool.factcheck.thresholds]
author-fuzzy = 70
checkworthiness = 0.9

[tool.factcheck.per-file-ignores]
"drafts/*.md" = ["CIT"]
"**/appendix-*.md" = "CLM005"
"""


@pytest.fixture
def project(workdir):
    (workdir / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (workdir / "style").mkdir()
    (workdir / "style" / "names.dic").write_text("Okafor\n", encoding="utf-8")
    (workdir / "chapter").mkdir()
    return workdir


def test_every_kind_of_setting_is_read_from_pyproject(project):
    settings = load_settings(cwd=project / "chapter", environ={})  # the nearest pyproject, found walking up
    assert settings.fail_on == "warning"
    assert settings.severity == {"CLM005": Severity.WARNING, "CIT001": Severity.INFO}
    assert (settings.thresholds.author_fuzzy, settings.thresholds.checkworthiness) == (70, 0.9)
    assert settings.thresholds.fact_match == 85.0  # untouched thresholds keep their defaults
    assert settings.per_file_ignores == {"drafts/*.md": ("CIT",), "**/appendix-*.md": ("CLM005",)}
    assert settings.published == "2025-06-01" and settings.exclude == ("notes/*.md",)
    # The lexicon is relative to the config file's folder, not to where factcheck runs.
    assert settings.lexicon == str(project / "style" / "names.dic")


def test_precedence_defaults_file_env_cli(project):
    env = {"FACTCHECK_FAIL_ON": "info", "FACTCHECK_SELECT": "CIT,FN", "FACTCHECK_PUBLISHED": "2020-01-01",
           "FACTCHECK_JOBS": "3", "FACTCHECK_UNRELATED": "x"}
    assert load_settings(cwd=project, environ={}, isolated=True).fail_on == "error"  # defaults
    assert load_settings(cwd=project, environ={}).fail_on == "warning"  # file over defaults
    from_env = load_settings(cwd=project, environ=env)  # env over file
    assert (from_env.fail_on, from_env.select, from_env.published, from_env.jobs) == \
        ("info", ("CIT", "FN"), "2020-01-01", 3)
    from_cli = load_settings(cli={"fail_on": "never", "select": ("REF",), "thresholds": {"author_fuzzy": 95}},
                             cwd=project, environ=env)  # CLI over env
    assert (from_cli.fail_on, from_cli.select, from_cli.published) == ("never", ("REF",), "2020-01-01")
    assert (from_cli.thresholds.author_fuzzy, from_cli.thresholds.checkworthiness) == (95, 0.9)


def test_factcheck_toml_wins_over_pyproject_in_the_same_folder_and_config_over_both(project):
    (project / "factcheck.toml").write_text('fail_on = "info"\n', encoding="utf-8")
    assert load_settings(cwd=project, environ={}).fail_on == "info"
    (project / "strict.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert load_settings(config_path="strict.toml", cwd=project, environ={}).fail_on == "never"
    assert load_settings(config_path="pyproject.toml", cwd=project, environ={}).fail_on == "warning"


@pytest.mark.parametrize("toml, key", [
    ('colour = "blue"\n', "colour"),
    ('[thresholds]\nauthor_fuzzy = 80\nfuzzy = 3\n', "thresholds.fuzzy"),
    ('[thresholds]\nauthor-fuzz = 80\n', "thresholds.author-fuzz"),  # named as the user wrote it
    ('fail-onn = "warning"\n', "fail-onn"),
])
def test_unknown_keys_name_the_key_and_the_file(workdir, toml, key):
    (workdir / "factcheck.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^factcheck.toml: unknown setting '{key}'$"):
        load_settings(cwd=workdir, environ={})


@pytest.mark.parametrize("toml, message", [
    ('[severity]\nCLM999 = "warning"\n', "factcheck.toml: unknown rule code 'CLM999' in 'severity'"),
    ('[severity]\nCLM005 = "fatal"\n', "factcheck.toml: invalid value for 'severity.CLM005'"),
    ('[per-file-ignores]\n"a/*.md" = ["XYZ"]\n', "unknown rule code or prefix 'XYZ' in 'per-file-ignores'"),
    ('thresholds = 3\n', "factcheck.toml: 'thresholds' must be a table"),
    ('jobs = 0\n', "factcheck.toml: invalid value for 'jobs'"),
    # In the words of a settings file, not of Python's types.
    ('select = "CLM001"\n', """factcheck.toml: invalid value for 'select': expected a list, such as ["CIT", "FN001"]"""),
    ('exclude = "drafts"\n', """factcheck.toml: invalid value for 'exclude': expected a list, such as ["drafts/**", """),
    ('language = "english"\n', """factcheck.toml: invalid value for 'language': expected a language code such as "en" """),
    ('[tool.factcheck]\nselect = ["CIT"]\n', "factcheck.toml: unknown setting 'tool' (outside pyproject.toml the "
                                              "settings stand at the top level: remove the [tool.factcheck] line)"),
])
def test_bad_values_name_the_key_and_the_file(workdir, toml, message):
    (workdir / "factcheck.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(cwd=workdir, environ={})


def test_a_bad_env_value_names_the_variable(workdir):
    with pytest.raises(ConfigError, match="FACTCHECK_FAIL_ON: invalid value for 'fail-on'"):
        load_settings(cwd=workdir, environ={"FACTCHECK_FAIL_ON": "sometimes"})


def test_unknown_key_is_a_usage_error_on_the_command_line(cli, workdir):
    (workdir / "pyproject.toml").write_text('[tool.factcheck.thresholds]\nauthor_fuzy = 1\n', encoding="utf-8")
    (workdir / "doc.md").write_text(ERRORS, encoding="utf-8")
    code, out, err = cli("audit", "doc.md", "--no-html", "--no-claims")
    assert (code, out) == (2, "")
    assert err == "factcheck: error: pyproject.toml: unknown setting 'thresholds.author_fuzy'\n"


@pytest.mark.parametrize("pattern, path, expected", [
    ("drafts/*.md", "drafts/a.md", True),
    ("drafts/*.md", "book/drafts/a.md", True),
    ("drafts/*.md", "/abs/book/drafts/a.md", True),
    ("drafts/*.md", "drafts/deep/a.md", False),
    ("drafts/**/*.md", "drafts/deep/er/a.md", True),
    ("drafts/**/*.md", "drafts/a.md", True),
    ("*.md", "x/y/z.md", True),
    ("/drafts/*.md", "book/drafts/a.md", False),
    ("./drafts/*.md", "./drafts/a.md", True),
    ("README.md", "sources/README.md", True),
    ("README.md", "NOTREADME.md", False),
])
def test_path_patterns(pattern, path, expected):
    assert path_matches(pattern, path) is expected


def test_settings_apply_to_the_audit(cli, project):
    (project / "drafts").mkdir()
    (project / "notes").mkdir()
    (project / "drafts" / "d.md").write_text(ERRORS, encoding="utf-8")  # CIT ignored here
    (project / "notes" / "n.md").write_text(ERRORS, encoding="utf-8")  # excluded
    (project / "chapter" / "c.md").write_text(ERRORS.replace("Published on 2 May 2025\n\n", ""), encoding="utf-8")
    (project / "chapter" / "appendix-a.md").write_text(INFO_ONLY, encoding="utf-8")  # CLM005 ignored here
    (project / "chapter" / "w.md").write_text(WARNINGS_ONLY, encoding="utf-8")
    code, out, err = cli("audit", ".", "--no-html", "--no-claims", "--format", "json")
    data = json.loads(out)
    docs = {d["path"]: d for d in data["documents"]}
    assert sorted(docs) == ["chapter/appendix-a.md", "chapter/c.md", "chapter/w.md", "drafts/d.md"]
    assert docs["drafts/d.md"]["findings"] == []
    assert docs["chapter/appendix-a.md"]["findings"] == []
    (finding,) = docs["chapter/c.md"]["findings"]
    assert (finding["code"], finding["severity"]) == ("CIT001", "info")  # [tool.factcheck.severity]
    assert docs["chapter/c.md"]["published"] == "2025-06-01"  # `published` when the document has none
    assert docs["chapter/w.md"]["published"] == "2025-05-02"  # ... and the document's own otherwise
    assert code == 1  # fail-on = "warning" from the file: w.md's CIT002 fails
    assert data["summary"]["suppressed"] == 0  # per-file ignores turn rules off; nothing is "suppressed"


def test_exclude_applies_to_named_files_only_with_force_exclude(cli, workdir):
    (workdir / "factcheck.toml").write_text('exclude = ["CHANGELOG.md", "drafts/**"]\n', encoding="utf-8")
    (workdir / "drafts").mkdir()
    for name in ("CHANGELOG.md", "drafts/a.md", "paper.md"):
        (workdir / name).write_text(ERRORS, encoding="utf-8")
    named = ("CHANGELOG.md", "drafts/a.md", "paper.md")
    _, out, _ = cli("audit", *named, "--no-html", "--no-claims", "--format", "json")
    assert [d["path"] for d in json.loads(out)["documents"]] == list(named)
    _, out, _ = cli("audit", *named, "--no-html", "--no-claims", "--format", "json", "--force-exclude")
    assert [d["path"] for d in json.loads(out)["documents"]] == ["paper.md"]
    _, out, _ = cli("audit", ".", "--no-html", "--no-claims", "--format", "json")
    assert [d["path"] for d in json.loads(out)["documents"]] == ["paper.md"]


@pytest.mark.parametrize("toml, message", [
    ('[thresholds]\nauthor-fuzzy = 1000\n', "invalid value for 'thresholds.author-fuzzy': Input should be less than or equal to 100"),
    ('[thresholds]\ncheckworthiness = -0.5\n', "invalid value for 'thresholds.checkworthiness': Input should be greater than or equal to 0"),
    ('published = "2025-13-45"\n', "invalid value for 'published': Value error, not a real date (month must be in 1..12)"),
    ('published = "25 March 2025"\n', "invalid value for 'published': Value error, not a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    ('memory-limit = -1\n', "invalid value for 'memory-limit': Input should be greater than or equal to 0"),
])
def test_values_out_of_range_or_format_are_errors_naming_the_key_as_written(workdir, toml, message):
    (workdir / "factcheck.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(cwd=workdir, environ={})
    assert str(info.value) == f"factcheck.toml: {message}"
