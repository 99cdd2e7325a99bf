"""Rules of the spelling family (see the contract's rule table)."""
