"""Rules of the dates family (see the contract's rule table)."""
