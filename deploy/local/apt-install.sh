# Sourced by install-browser.sh and install-spectral.sh: installs Debian packages with apt-get, as root or with
# passwordless sudo, once. Usage: apt_install <who is asking> <package>...
apt_install() {
  local who="$1"; shift
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: $* missing and no apt-get to install them; install them by hand." >&2
    exit 1
  fi
  local sudo=""
  if [[ "$(id -u)" != 0 ]]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "$who: installing $* needs root: run 'sudo apt-get install $*' once." >&2
      exit 1
    fi
  fi
  echo "$who: installing Debian's $* (once)..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q --no-install-recommends "$@" >/dev/null
}
