#!/usr/bin/env bash
# Packs the npm packages: the launcher (`crmflow`) and the platform package
# holding BINARY, e.g.
#
#   packaging/npm/pack.sh linux-x64 target/release/crmflow dist/npm
#
# PLATFORM is one of linux-x64 linux-arm64 darwin-x64 darwin-arm64
# win32-x64; the version is the crate's (Cargo.toml). Writes
# OUT/crmflow-VERSION.tgz and OUT/crmflow-PLATFORM-VERSION.tgz; the release
# workflow runs it once per platform and publishes the tarballs.
set -euo pipefail
platform=${1:?platform}; binary=${2:?binary}; out=${3:?out dir}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
launcher_version=$(node -p "require('$here/crmflow/package.json').version")
if [ "$version" != "$launcher_version" ]; then
  echo "pack.sh: Cargo.toml says $version, packaging/npm/crmflow/package.json $launcher_version" >&2
  exit 1
fi
case "$platform" in
  linux-x64) os=linux; cpu=x64; exe=crmflow ;;
  linux-arm64) os=linux; cpu=arm64; exe=crmflow ;;
  darwin-x64) os=darwin; cpu=x64; exe=crmflow ;;
  darwin-arm64) os=darwin; cpu=arm64; exe=crmflow ;;
  win32-x64) os=win32; cpu=x64; exe=crmflow.exe ;;
  *) echo "pack.sh: unknown platform $platform" >&2; exit 1 ;;
esac
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/platform/bin"
cp "$binary" "$work/platform/bin/$exe"
chmod 755 "$work/platform/bin/$exe"
libc=""
if [ "$os" = linux ]; then libc=', "libc": ["glibc"]'; fi
cat > "$work/platform/package.json" <<JSON
{
  "name": "@crmflow/$platform",
  "version": "$version",
  "description": "The crmflow binary for $platform (installed by the crmflow package)",
  "license": "MIT OR Apache-2.0",
  "repository": { "type": "git", "url": "git+https://github.com/crmflow/crmflow.git" },
  "os": ["$os"],
  "cpu": ["$cpu"]$libc,
  "files": ["bin/$exe"],
  "preferUnplugged": true
}
JSON
(cd "$work/platform" && npm pack --silent --pack-destination "$out" >/dev/null)
(cd "$here/crmflow" && npm pack --silent --pack-destination "$out" >/dev/null)
ls "$out"
