"""Citations and what they point at: in-text citations (``find``), reference lists
(``references``, ``entries``), notes (``notes``), ``.bib`` / CSL-JSON bibliographies (``bib``),
and the links from citations to entries and notes (``resolve``).

Builds on ``factcheck.text``; knows nothing of claims, rules or reports.
"""
