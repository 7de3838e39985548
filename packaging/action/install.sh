#!/usr/bin/env bash
# Installs crmflow for the GitHub Action (action.yml): the PyPI wheel into a
# virtual environment of its own under $RUNNER_TEMP (runners' system Python
# refuses `pip install`, PEP 668), whose bin folder goes on $GITHUB_PATH.
# CRMFLOW_VERSION picks the version; empty means the action's own (its
# Cargo.toml). pip's own variables (PIP_INDEX_URL, PIP_FIND_LINKS) apply.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${CRMFLOW_VERSION:-}
if [ -z "$version" ]; then
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$here/../../Cargo.toml" | head -1)
fi
case "$version" in
  v*) version=${version#v} ;;
esac
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.+-][0-9A-Za-z.+-]*)?$ ]]; then
  echo "::error::crmflow: '$version' is not a version (say e.g. 0.1.0)" >&2
  exit 1
fi
python=python3
command -v "$python" >/dev/null 2>&1 || python=python
venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/crmflow-$version"
"$python" -m venv "$venv"
bin="$venv/bin"
[ -d "$bin" ] || bin="$venv/Scripts"   # Windows
"$bin/python" -m pip install --quiet --disable-pip-version-check "crmflow==$version"
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$bin" >> "$GITHUB_PATH"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "version=$version" >> "$GITHUB_OUTPUT"
fi
"$bin/crmflow" --version
