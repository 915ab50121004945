# Sourced by the setup scripts: installs tools at pinned versions, checking the
# version the installed tool reports (not only that the install ran).
#
# cargo_pinned <crate> <version> <binary> <version-field>
#   Installs <crate> <version> with --locked (the crate's own lock file), and if
#   that cannot resolve (a crate it locks is no longer served: wasm-bindgen-cli
#   0.2.130 locks webpki-roots 1.0.11), again with a normal resolution of the same
#   version, saying so. Either way the installed <binary> must then report
#   <version> in field <version-field> of its first line, or setup stops.
# pip_pinned <package> <version>
#   Installs a PyPI package at <version> (a user install where the system Python
#   refuses global ones, PEP 668), then checks the installed version.

installed_version() { # <binary> <field>
  "$1" --version 2>/dev/null | awk -v f="$2" 'NR==1 {print $f}' || true
}

cargo_pinned() {
  local crate=$1 version=$2 binary=$3 field=$4 have log
  have=$(installed_version "$binary" "$field")
  [ "$have" = "$version" ] && return 0
  say "installing $crate $version with cargo (had: ${have:-none}); takes a few minutes"
  log=$(mktemp)
  if ! cargo install "$crate" --version "$version" --locked --force 2>&1 | tee "$log"; then
    if grep -q "failed to select a version" "$log"; then
      grep -m1 "failed to select a version" "$log" | sed 's/^/[setup]   /'
      say "the lock file inside $crate $version names a crate the registry no longer serves;"
      say "installing $crate $version again with a normal resolution of its dependencies"
      cargo install "$crate" --version "$version" --force
    else
      cat "$log" >&2
      rm -f "$log"
      return 1
    fi
  fi
  rm -f "$log"
  hash -r
  have=$(installed_version "$binary" "$field")
  if [ "$have" != "$version" ]; then
    echo "[setup] $binary reports version '${have:-none}' after installing $crate $version" >&2
    echo "[setup] is another $binary earlier on PATH? $(command -v "$binary" || echo 'none on PATH')" >&2
    return 1
  fi
  say "$binary $have installed at $(command -v "$binary")"
}

pip_pinned() {
  local have
  have=$(python3 -c "import importlib.metadata as m; print(m.version('$1'))" 2>/dev/null || true)
  [ "$have" = "$2" ] && return 0
  say "installing $1 $2 from PyPI (had: ${have:-none})"
  python3 -m pip install --quiet --disable-pip-version-check "$1==$2" ||
    python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages "$1==$2"
  have=$(python3 -c "import importlib.metadata as m; print(m.version('$1'))" 2>/dev/null || true)
  if [ "$have" != "$2" ]; then
    echo "[setup] $1 reports version '${have:-none}' after installing $2" >&2
    return 1
  fi
}
