"""Generic text analysis: blocks, sentences, dates, numbers, and the word index of a document.

Reads only ``Document.text`` and offsets into it; imports nothing from citations, claims, rules
or reports, so every layer above can use it.
"""
