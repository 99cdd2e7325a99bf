"""Settings: precedence defaults -> file -> FACTCHECK_* -> CLI; clear errors naming key and file."""

from __future__ import annotations

import pytest

from factcheck.config import ConfigError
from factcheck.configure import load_settings


def test_precedence(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "warning"\nignore = ["SPL"]\n'
                                             'published = "2024-01-01"\n', encoding="utf-8")
    assert load_settings(cwd=tmp_path, environ={}).fail_on == "warning"
    env = {"FACTCHECK_FAIL_ON": "info", "FACTCHECK_IGNORE": "CLM005,SPL"}
    from_env = load_settings(cwd=tmp_path, environ=env)
    assert (from_env.fail_on, from_env.ignore, from_env.published) == ("info", ("CLM005", "SPL"), "2024-01-01")
    assert load_settings(cli={"fail_on": "never"}, cwd=tmp_path, environ=env).fail_on == "never"


def test_unknown_key_names_key_and_file(tmp_path):
    (tmp_path / "factcheck.toml").write_text('fail_on = "error"\ncolour = "blue"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"factcheck.toml: unknown setting 'colour'"):
        load_settings(cwd=tmp_path, environ={})


def test_bad_toml_and_missing_lexicon(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("fail_on = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml: invalid TOML"):
        load_settings(config_path=str(bad), environ={})
    with pytest.raises(ConfigError, match="lexicon file 'names.txt' not found"):
        load_settings(cli={"lexicon": "names.txt"}, cwd=tmp_path, environ={})
