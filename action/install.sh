#!/usr/bin/env bash
# Step 1 of the GitHub Action: packs the command-line validator from the action's own checkout
# (npm pack builds it) and installs that package, as a user would install it, in the runner's
# temporary folder; its bin folder goes on the PATH of the next steps.
set -euo pipefail
cd "$GITHUB_ACTION_PATH"
# The build needs the development dependencies; a checkout that already has them skips this.
if [ ! -x node_modules/.bin/esbuild ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
prefix="$RUNNER_TEMP/labelbox-import"
mkdir -p "$prefix"
# npm pack prints the name of the package it made, and only that (see .npmrc).
tarball=$(npm pack --pack-destination "$RUNNER_TEMP")
npm install --global --prefix "$prefix" --no-audit --no-fund --loglevel=error "$RUNNER_TEMP/$tarball"
echo "$prefix/bin" >> "$GITHUB_PATH"
"$prefix/bin/labelbox-import" --version
