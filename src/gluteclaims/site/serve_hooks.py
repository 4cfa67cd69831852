"""mkdocs hooks used by `gluteclaims serve` only: keep the theme's compiled templates between rebuilds.

`mkdocs serve` loads the configuration again for every rebuild, and with it a new Jinja2
environment that compiles every template of the theme again: about half a second of each
rebuild. A bytecode cache on disk (Jinja2's own, keyed by each template's source, so an edited
template is compiled again) lets every rebuild after the first load them instead.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

CACHE_FOLDER = ".template-cache"  # beside the generated mkdocs.yml, outside the watched docs


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    folder = Path(config.config_file_path).parent / CACHE_FOLDER
    folder.mkdir(exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env
