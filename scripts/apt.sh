# Sourced by the setup scripts: installs the Debian packages that provide missing
# commands or files, in one apt-get run. Debian's packages follow the release this
# machine runs (bookworm: security updates only); install_missing prints what it put in.
# Usage: need <command-or-absolute-path> <package>; install_missing
# Also the setup scripts' `say`, so that what they print reads alike.
apt_missing=()

say() { printf '[setup] %s\n' "$*"; }

need() {
  if [[ "$1" == /* ]]; then
    [ -e "$1" ] && return 0
  else
    command -v "$1" >/dev/null && return 0
  fi
  apt_missing+=("$2")
}

install_missing() {
  [ ${#apt_missing[@]} -eq 0 ] && return 0
  local packages
  packages=$(printf '%s\n' "${apt_missing[@]}" | sort -u | tr '\n' ' ')
  if [ "$(id -u)" != 0 ]; then
    echo "[setup] missing Debian packages: $packages" >&2
    echo "[setup] install them first: sudo apt-get update && sudo apt-get install -y --no-install-recommends $packages" >&2
    exit 1
  fi
  say "installing from Debian: $packages"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run on the machine (a second worktree's setup) holds the lock: wait.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  # shellcheck disable=SC2086
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $packages >/dev/null
  # shellcheck disable=SC2086
  dpkg-query -W -f='[setup]   ${Package} ${Version}\n' $packages
  apt_missing=()
}
