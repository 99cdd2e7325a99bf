"""Reporters: JSON, text, the claim ledger (and, later, SARIF, JUnit, GitHub, HTML)."""
