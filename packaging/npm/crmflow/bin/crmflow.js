#!/usr/bin/env node
// The `crmflow` command of the npm package: runs the compiled binary from
// the package for this platform (one optional dependency per platform, of
// which npm installs only the one whose `os` and `cpu` match: the esbuild
// and biome pattern). CRMFLOW_BINARY names another binary to run instead.
"use strict";

const { spawnSync } = require("child_process");
const path = require("path");

const PLATFORMS = {
  "linux x64": "@crmflow/linux-x64",
  "linux arm64": "@crmflow/linux-arm64",
  "darwin x64": "@crmflow/darwin-x64",
  "darwin arm64": "@crmflow/darwin-arm64",
  "win32 x64": "@crmflow/win32-x64",
};

function binaryPath() {
  if (process.env.CRMFLOW_BINARY) return process.env.CRMFLOW_BINARY;
  const key = `${process.platform} ${process.arch}`;
  const pkg = PLATFORMS[key];
  if (!pkg) {
    throw new Error(
      `crmflow has no prebuilt binary for ${key}; build it with cargo (see ` +
        "https://github.com/crmflow/crmflow#readme) and set CRMFLOW_BINARY to its path"
    );
  }
  const exe = process.platform === "win32" ? "crmflow.exe" : "crmflow";
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch (_) {
    throw new Error(
      `crmflow: the package ${pkg} with the binary for ${key} is not installed. ` +
        "It is an optional dependency: reinstall without --omit=optional / --no-optional " +
        `(or install ${pkg} itself).`
    );
  }
}

let binary;
try {
  binary = binaryPath();
} catch (err) {
  console.error(err.message);
  process.exit(3);
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
if (result.error) {
  console.error(`crmflow: cannot run ${path.basename(binary)}: ${result.error.message}`);
  process.exit(3);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
} else {
  process.exit(result.status === null ? 3 : result.status);
}
