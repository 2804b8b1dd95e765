"""`make bench`: figures, not assertions (see __main__.py)."""
