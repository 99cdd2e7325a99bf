"""A document full of hostile markup, with payloads in citations, entries, quotes and findings."""

from __future__ import annotations

from tests.html.payloads import PAYLOADS


def hostile_text(payloads: list[str] = PAYLOADS) -> str:
    out = [f"# Audit of {payloads[0]} and {payloads[2]}", "", "Published on 14 March, 2024", ""]
    for n, payload in enumerate(payloads):
        if n % 3 == 0:
            # an unsourced, check-worthy claim with a number: CLM001 quotes the payload
            out.append(f"In 2019 the largest share, 40 per cent, went to {payload} and nobody else.")
        elif n % 3 == 1:
            # a quotation on its own: CLM002 quotes it
            out.append(f"\"The figure {payload} is the highest ever recorded in the basin.\"")
        else:
            out.append(f"The basin report describes {payload} in detail (Okafor, 2019).")
        out.append("")
    out += [
        "Later work disagrees (Okafur, 2019; Mensah, 2021; Delacroix <script>alert(1)</script>, 2014).",
        "",
        "## References",
        "",
        "Okafor, N. (2019). Allocation rules under <img src=x onerror=alert(1)>. *Water {{ 7*7 }} Review*, "
        "21(4), 677-694. javascript:alert(1)",
        "",
        "Mensah, K. (2021). </textarea><script>alert(1)</script> \"><svg onload=alert(1)>. "
        "Volta Policy Institute. https//evil.example/{{7*7}}<script>alert(1)</script>",
        "",
        "Unused, U. (2015). {% raw %}{{ never }}{% endraw %} &amp &#x3c;b&#x3e; \u202eexe.txt. Nowhere Press.",
        "",
    ]
    return "\n".join(out)
