"""Claims: what each body sentence asserts (``extract``), who a sentence credits
(``attribution``), direct quotations (``quotes``), and the fact statements the date and number
conflict checks compare (``facts``, ``fact_index``, ``conflicts``).

Builds on ``factcheck.text`` and ``factcheck.citations``.
"""
