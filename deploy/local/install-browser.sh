#!/usr/bin/env bash
# Makes sure a headless browser is available for the browser tests of the staff pages (e2e-tests, WebPagesBrowserIT):
# Chromium and its ChromeDriver. Prints the two paths, "browser=..." and "driver=...", on its last two lines.
#
#   CHROMIUM_BINARY / CHROMEDRIVER_BINARY   use these instead of looking on PATH (e.g. on macOS, a Chrome and a
#                                           chromedriver of the same major version)
#
# When they are missing it installs Debian's packages chromium and chromium-driver with apt-get (as root, or with
# passwordless sudo). Test tools that download their own browser are not used: their download hosts are not
# reachable from every build machine, Debian's mirrors are.
set -euo pipefail

find_binary() { # $1 = variable that may name it, then candidate names on PATH
  local override="${!1:-}"; shift
  if [[ -n "$override" ]]; then
    [[ -x "$override" ]] || { echo "install-browser: $override is not an executable" >&2; exit 1; }
    echo "$override"; return
  fi
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  done
}

browser="$(find_binary CHROMIUM_BINARY chromium chromium-browser google-chrome)"
driver="$(find_binary CHROMEDRIVER_BINARY chromedriver)"

if [[ -z "$browser" || -z "$driver" ]]; then
  # shellcheck source=apt-install.sh
  source "$(dirname "$0")/apt-install.sh"
  apt_install install-browser chromium chromium-driver
  browser="$(find_binary CHROMIUM_BINARY chromium chromium-browser google-chrome)"
  driver="$(find_binary CHROMEDRIVER_BINARY chromedriver)"
fi

"$browser" --version 2>/dev/null || true
echo "browser=$browser"
echo "driver=$driver"
