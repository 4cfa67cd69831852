"""The static site: pages rendered from templates, built by mkdocs-material."""
