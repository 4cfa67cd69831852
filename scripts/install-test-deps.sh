#!/usr/bin/env bash
# Install what the browser tests need and the Python packages cannot bring:
# Debian's Chromium and pandoc, bibtex (with plain.bst) and biber, which read the BibTeX export
# in tests/test_export.py, and axe-core (pinned) from the npm registry into .cache/npm.
# axe-core is installed, not vendored, so the repository carries no 500 kB minified file under
# another licence (MPL-2.0) and updating it is a one-line change of the version below.
set -euo pipefail
AXE_VERSION=4.14.1
here="$(cd "$(dirname "$0")/.." && pwd)"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v bibtex >/dev/null 2>&1 || missing+=(texlive-binaries)
kpsewhich plain.bst >/dev/null 2>&1 || missing+=(texlive-base)
command -v biber >/dev/null 2>&1 || missing+=(biber)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

axe="$here/.cache/npm/node_modules/axe-core/axe.min.js"
if [ ! -f "$axe" ] || ! grep -q "axe v$AXE_VERSION" "$axe"; then
  mkdir -p "$here/.cache/npm"
  npm install --silent --no-audit --no-fund --prefix "$here/.cache/npm" "axe-core@$AXE_VERSION" 2>&1 | grep -v "Unknown user config" || true
fi
test -f "$axe" || { echo "axe-core was not installed at $axe" >&2; exit 1; }
echo "test dependencies ready: $(chromium --version 2>/dev/null | head -1), axe-core $AXE_VERSION"
