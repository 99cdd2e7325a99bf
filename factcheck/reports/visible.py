"""Text from documents and file names made safe to show to a person: every control character visible.

A file name or an excerpt can hold terminal escape sequences (``\\x1b[2J`` clears the screen),
a newline that forges a second "one-line" error, or a right-to-left override that shows
``txt.exe`` as ``exe.txt``. Every human-facing output (the text report, stderr, the HTML index)
shows them as escapes instead: ``\\x1b``, ``\\n``, ``\\u202e``; and a file name whose bytes are not
UTF-8 shows each such byte's stand-in the same way (``caf\\udce9.txt``).
"""

from __future__ import annotations

import re

# C0 controls (tab included: it moves the cursor), DEL, C1 controls, the bidirectional controls
# (Trojan Source), the Unicode line and paragraph separators, and the lone surrogates that stand
# for the bytes of a file name that is not UTF-8 (``os.fsdecode``), which no UTF-8 output can hold.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def visible(text: str) -> str:
    """``text`` with every control and bidi character written as an escape; the rest unchanged."""
    return _UNSAFE.sub(_escape, text)


# The characters XML 1.0 forbids (JUnit files are read by strict parsers): C0 controls but tab,
# newline and carriage return, the surrogates, U+FFFE and U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold written as escapes."""
    return _XML_INVALID.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", text)
