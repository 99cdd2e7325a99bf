"""WCAG AA: the contrast ratios stated in report.css are true and high enough, in both themes."""

from __future__ import annotations

import re
from importlib import resources

CSS = resources.files("factcheck.reports.html").joinpath("static", "report.css").read_text(encoding="utf-8")
PAIR = re.compile(r"(--[\w-]+) on (--[\w-]+) ([\d.]+):1")


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def themes() -> dict[str, tuple[dict[str, str], str]]:
    """theme -> (custom properties, its contrast comment)."""
    light = CSS[CSS.index(":root {"):CSS.index("@media (prefers-color-scheme: dark)")]
    dark_start = CSS.index("@media (prefers-color-scheme: dark)")
    dark = CSS[dark_start:CSS.index("\n}\n", dark_start)]
    out = {}
    for name, block in (("light", light), ("dark", dark)):
        props = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))
        comment = re.search(r"/\* contrast \(" + name + r"\):(.*?)\*/", block, re.S).group(1)
        out[name] = (props, comment)
    return out


def test_stated_ratios_are_true_and_meet_aa():
    checked = 0
    for name, (props, comment) in themes().items():
        text_part, _, non_text = comment.partition("non-text:")
        for part, floor in ((text_part, 4.5), (non_text, 3.0)):
            for fg, bg, stated in PAIR.findall(part):
                actual = ratio(props[fg], props[bg])
                assert abs(actual - float(stated)) < 0.01, f"{name}: {fg} on {bg} is {actual:.2f}, comment says {stated}"
                assert actual >= floor, f"{name}: {fg} on {bg} {actual:.2f} < {floor}"
                checked += 1
    assert checked >= 40


def test_every_text_colour_is_covered_on_every_background_it_meets():
    for name, (props, comment) in themes().items():
        pairs = {(fg, bg) for fg, bg, _ in PAIR.findall(comment.partition("non-text:")[0])}
        for fg in ("--fg", "--muted", "--link"):
            for bg in ("--bg", "--panel", "--err-bg", "--warn-bg", "--info-bg"):
                if (fg, bg) not in pairs:  # measured anyway
                    assert ratio(props[fg], props[bg]) >= 4.5, f"{name}: {fg} on {bg}"
        assert props.keys() >= {"--bg", "--fg", "--err", "--warn", "--info", "--tip-bg", "--tip-fg"}
