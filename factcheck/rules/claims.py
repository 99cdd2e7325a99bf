"""Rules of the claims family (see the contract's rule table)."""
