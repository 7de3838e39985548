#!/usr/bin/env bash
# Installs crmflow the ways a user without Rust does and uses it each way:
# the wheel (maturin, as the release builds it) with pip and
# `python -m crmflow`; the GitHub Action's installer; the npm packages
# (launcher + platform package) with npm and npx; the pre-commit hooks
# (pre-commit try-repo, the wheel standing in for PyPI); a MkDocs site and
# an mdBook book with crmflow blocks, which must show the drawings inline,
# and with a broken block, which must fail the build at its file and line.
#
# Run by .ci/run after `cargo test`. Needs python3, node/npm and cargo;
# fetches maturin, mkdocs and pre-commit from PyPI and mdBook from
# crates.io (or uses an `mdbook` on PATH). Every check that cannot run
# fails: nothing is skipped silently.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "packaging: FAILED: $*" >&2; exit 1; }
step() { echo "== packaging: $*"; }
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)

step "tools (maturin, mkdocs, pre-commit)"
python3 -m venv "$work/tools"
"$work/tools/bin/pip" install --quiet --disable-pip-version-check \
  "maturin==1.16.0" "mkdocs==1.6.1" "pre-commit==4.2.0"
export PATH="$work/tools/bin:$PATH"

step "the wheel"
wheels="$work/wheels"
# The dev profile: the same wheel as a release's, built from what `cargo
# test` already compiled (the release workflow builds --release).
(cd "$root/packaging/python" && maturin build --profile dev --out "$wheels" --quiet) \
  || fail "maturin could not build the wheel"
ls "$wheels"/crmflow-"$version"-*.whl >/dev/null || fail "no crmflow-$version wheel"
python3 -m venv "$work/user"
"$work/user/bin/pip" install --quiet --no-index --find-links "$wheels" crmflow
[ "$("$work/user/bin/crmflow" --version)" = "crmflow $version" ] || fail "crmflow --version from the wheel"
"$work/user/bin/python" -m crmflow render "$root/examples/customer-lifecycle.crmflow" -o "$work/py.svg"
head -c 4 "$work/py.svg" | grep -q '<svg' || fail "python -m crmflow render wrote no SVG"
set +e
"$work/user/bin/python" -m crmflow check "$work/no-such.crmflow" 2>/dev/null
code=$?
set -e
[ "$code" = 3 ] || fail "python -m crmflow passes on the exit code (got $code, want 3)"
"$work/user/bin/crmflow" check "$root/examples/lead-to-contract.crmflow" >/dev/null \
  || fail "crmflow check from the wheel"

step "the GitHub Action (action.yml's fields, then its steps run as shell)"
"$work/tools/bin/python" "$root/tests/packaging/action.py" "$root" "$work/action" "$wheels" \
  || fail "action.yml"
mkdir -p "$work/runner"
RUNNER_TEMP="$work/runner" GITHUB_PATH="$work/runner/path" GITHUB_OUTPUT="$work/runner/output" \
  PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels" bash "$root/packaging/action/install.sh" >/dev/null
grep -qx "version=$version" "$work/runner/output" || fail "the action's version output"
action_bin=$(cat "$work/runner/path")
"$action_bin/crmflow" check "$root/examples/lead-to-contract.crmflow" >/dev/null \
  || fail "crmflow from the action's installer"

step "the npm packages"
bash "$root/packaging/npm/pack.sh" linux-x64 "$work/user/bin/crmflow" "$work/npm" >/dev/null
mkdir -p "$work/npm-user"
(
  cd "$work/npm-user"
  echo '{"name":"user","version":"1.0.0","private":true}' > package.json
  npm install --silent --no-audit --no-fund \
    "$work/npm/crmflow-linux-x64-$version.tgz" "$work/npm/crmflow-$version.tgz"
  [ "$(npx --no-install crmflow --version)" = "crmflow $version" ] || fail "npx crmflow --version"
  npx --no-install crmflow render "$root/examples/diagnosis.crmflow" -o npm.svg
  head -c 4 npm.svg | grep -q '<svg' || fail "npx crmflow render wrote no SVG"
  set +e
  npx --no-install crmflow check no-such.crmflow 2>/dev/null
  code=$?
  set -e
  [ "$code" = 3 ] || fail "the npm launcher passes on the exit code (got $code, want 3)"
)

step "the pre-commit hooks"
# The hooks install this repository's pyproject.toml, which wants the
# crmflow wheel from PyPI: here the wheel just built stands in for it.
"$work/tools/bin/pip" download --quiet --only-binary :all: --dest "$wheels" "setuptools>=61"
mkdir -p "$work/hooks"
(
  cd "$work/hooks"
  git init --quiet .
  git config user.email ci@example.com
  git config user.name ci
  cp "$root/examples/lead-to-contract.crmflow" good.crmflow
  printf 'lane desk "Desk"\nstep a "A" lane desk\nstep b "B" lane desk\na -> b\n' > bad.crmflow
  printf 'lane  desk   "Desk"\nstart a "A" lane desk\nend b "B" lane desk\na->b\n' > messy.crmflow
  git add . && git commit --quiet -m flows
  export PRE_COMMIT_HOME="$work/pre-commit-home" PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels"
  pre-commit try-repo "$root" crmflow-check --files good.crmflow > "$work/hook-good.log" 2>&1 \
    || { cat "$work/hook-good.log"; fail "crmflow-check on a good flow"; }
  if pre-commit try-repo "$root" crmflow-check --files bad.crmflow > "$work/hook-bad.log" 2>&1; then
    fail "crmflow-check passed a flow with a dead end"
  fi
  grep -q "bad.crmflow:3:6" "$work/hook-bad.log" || { cat "$work/hook-bad.log"; fail "crmflow-check's report names bad.crmflow:3:6"; }
  if pre-commit try-repo "$root" crmflow-fmt --files messy.crmflow > "$work/hook-fmt.log" 2>&1; then
    fail "crmflow-fmt left a messy file as it was"
  fi
  grep -q '^lane desk "Desk"$' messy.crmflow || fail "crmflow-fmt did not format messy.crmflow"
  git add . && git commit --quiet -m formatted
  if pre-commit try-repo "$root" crmflow-check --all-files > "$work/hook-all.log" 2>&1; then
    fail "crmflow-check --all-files passed a repository with a dead end"
  fi
  grep -q "bad.crmflow:3:6" "$work/hook-all.log" || { cat "$work/hook-all.log"; fail "--all-files names bad.crmflow:3:6"; }
)

step "a MkDocs site"
"$work/tools/bin/pip" install --quiet --no-index --find-links "$wheels" crmflow
# From a copy: a build in place would leave build/ and *.egg-info in the clone.
cp -R "$root/packaging/mkdocs" "$work/mkdocs-plugin"
"$work/tools/bin/pip" install --quiet --no-deps "$work/mkdocs-plugin"
mkdir -p "$work/site/docs"
(
  cd "$work/site"
  printf 'site_name: Processes\nplugins:\n  - crmflow\n' > mkdocs.yml
  { printf -- '---\ntitle: Refunds\n---\n# Refunds\n\n'; cat "$root/tests/packaging/refund.md"; } > docs/index.md
  mkdocs build --quiet 2> "$work/mkdocs.log" || { cat "$work/mkdocs.log"; fail "mkdocs build"; }
  grep -q '<div class="crmflow">' site/index.html || fail "the MkDocs page has no drawing"
  grep -q 'id="crmflow-[0-9a-f]*-node-pay"' site/index.html || fail "the MkDocs drawing lacks its node"
  grep -q '```crmflow\|<code class="language-crmflow' site/index.html && fail "the MkDocs page still shows the block"
  printf '\n```crmflow\nlane desk "Desk"\nstep a "A" lane desk\nstep b "B" lane desk\na -> b\n```\n' >> docs/index.md
  if mkdocs build --quiet > "$work/mkdocs-bad.log" 2>&1; then fail "mkdocs build passed a broken flow"; fi
  line=$(grep -n '^step b "B"' docs/index.md | cut -d: -f1)
  grep -q "docs/index.md:$line:6" "$work/mkdocs-bad.log" || { cat "$work/mkdocs-bad.log"; fail "the MkDocs error names docs/index.md:$line:6"; }
)

step "an mdBook book"
if command -v mdbook >/dev/null 2>&1; then
  mdbook=$(command -v mdbook)
else
  cargo install --quiet --locked --no-default-features mdbook --version 0.5.4 --root "$work/mdbook" \
    || fail "cargo install mdbook"
  mdbook="$work/mdbook/bin/mdbook"
fi
mkdir -p "$work/book/src"
(
  cd "$work/book"
  printf '[book]\ntitle = "Processes"\n\n[preprocessor.crmflow]\ncommand = "%s mdbook"\n' "$work/user/bin/crmflow" > book.toml
  printf '# Summary\n\n- [Refunds](refunds.md)\n  - [Again](again.md)\n' > src/SUMMARY.md
  { printf '# Refunds\n\n'; cat "$root/tests/packaging/refund.md"; } > src/refunds.md
  { printf '# Again\n\n'; cat "$root/tests/packaging/refund.md"; } > src/again.md
  "$mdbook" build > "$work/mdbook.log" 2>&1 || { cat "$work/mdbook.log"; fail "mdbook build"; }
  grep -q 'id="crmflow-[0-9a-f]*-node-pay"' book/refunds.html || fail "the mdBook chapter has no drawing"
  markers=$(grep -o 'marker id="crmflow-[0-9a-f]*-arrow"' book/print.html | sort -u | wc -l)
  [ "$markers" = 2 ] || fail "the print page's two drawings share ids ($markers distinct markers)"
  printf '\n```crmflow\nlane desk "Desk"\nstep a "A" lane desk\nstep b "B" lane desk\na -> b\n```\n' >> src/again.md
  if "$mdbook" build > "$work/mdbook-bad.log" 2>&1; then fail "mdbook build passed a broken flow"; fi
  line=$(grep -n '^step b "B"' src/again.md | cut -d: -f1)
  grep -q "src/again.md:$line:6" "$work/mdbook-bad.log" || { cat "$work/mdbook-bad.log"; fail "the mdBook error names src/again.md:$line:6"; }
)

step "all passed"
