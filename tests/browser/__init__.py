"""Browser tests: they drive Chromium against the built site (marked `browser`, run after every other test)."""
