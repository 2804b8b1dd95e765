"""Python-Markdown extensions of this site, run by MkDocs and by Zensical alike (both render pages with
Python-Markdown, but Zensical runs no MkDocs hooks). Configured in mkdocs.yml, `markdown_extensions`; the Makefile
puts the project on PYTHONPATH so that `scripts.extensions` can be imported there."""
