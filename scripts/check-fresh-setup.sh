#!/usr/bin/env bash
# Runs the setup scripts as a fresh machine would for the tools that cargo installs
# (wasm-bindgen-cli, geckodriver): an empty CARGO_INSTALL_ROOT and a PATH without
# cargo's bin directory (only links to cargo, rustc and rustup kept), so a pinned
# install that no longer resolves fails here instead of on a newcomer's machine.
# Debian's packages and the npm packages are already there (removing them would
# undo the machine's setup); the installs this checks are the ones that broke.
# `npm test` runs it when CI is set (or CHECK_FRESH_SETUP=1): it takes some minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/root" "$scratch/toolchain"
for tool in cargo rustc rustup; do
  ln -s "$(command -v "$tool")" "$scratch/toolchain/$tool"
done
cargo_bin=$(dirname "$(command -v cargo)")
fresh_path="$scratch/root/bin:$scratch/toolchain"
IFS=: read -ra parts <<<"$PATH"
for dir in "${parts[@]}"; do
  [ "$dir" = "$cargo_bin" ] && continue
  fresh_path+=":$dir"
done

for tool in wasm-bindgen geckodriver; do
  if PATH="$fresh_path" command -v "$tool" >/dev/null; then
    echo "[check-fresh-setup] $tool is still on the trimmed PATH ($(PATH="$fresh_path" command -v "$tool")): the check would prove nothing" >&2
    exit 1
  fi
done

echo "[check-fresh-setup] setup with an empty CARGO_INSTALL_ROOT ($scratch/root) and cargo's bin directory off PATH"
# The install's own target directory stays in the scratch folder.
env PATH="$fresh_path" CARGO_INSTALL_ROOT="$scratch/root" CARGO_TARGET_DIR="$scratch/target" \
  bash scripts/setup-test.sh 2>&1 | tee "$scratch/setup.log" | grep -v '^ *\(Compiling\|Downloaded\|Downloading\|Adding\|Locking\|Updating\|Installing\|Finished\|Replacing\|Replaced\|Installed\) '

for tool in wasm-bindgen geckodriver; do
  [ -x "$scratch/root/bin/$tool" ] || {
    echo "[check-fresh-setup] $tool was not installed into CARGO_INSTALL_ROOT" >&2
    exit 1
  }
done
if grep -q "normal resolution" "$scratch/setup.log"; then
  echo "[check-fresh-setup] passed: a locked install could not resolve and the fallback installed the pinned version (lines above)"
else
  echo "[check-fresh-setup] passed: every locked install resolved"
fi
