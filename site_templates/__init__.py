"""The site's templates, styles, scripts and mkdocs.yml, installed as package data (gluteclaims.site.templates)."""
