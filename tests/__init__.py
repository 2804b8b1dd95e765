"""The test suite (a package, so every module has one name: tests.helpers, tests.browser.conftest …)."""
