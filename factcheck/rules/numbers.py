"""Rules of the numbers family (see the contract's rule table)."""
