#!/usr/bin/env bash
# Makes sure Spectral and the OWASP API-security ruleset are available for the OpenAPI lint tests (OpenApiLintTest
# in each service). Prints "spectral=..." and "ruleset=..." on its last two lines.
#
#   TRUSTGOV_TOOLS   where tools are kept between builds (default ~/.cache/trustgov)
#
# Installs, once, the npm packages @stoplight/spectral-cli and @stoplight/spectral-owasp-ruleset at the versions
# below into $TRUSTGOV_TOOLS/spectral-<versions>, and writes there the ruleset deploy/openapi/spectral.yaml names.
# When node and npm are missing it installs Debian's nodejs and npm with apt-get (as root, or passwordless sudo).
set -euo pipefail

SPECTRAL_CLI_VERSION=6.16.3
OWASP_RULESET_VERSION=2.0.1

here="$(cd "$(dirname "$0")" && pwd)"
rules="$here/../openapi/spectral.yaml"
tools="${TRUSTGOV_TOOLS:-$HOME/.cache/trustgov}"
dir="$tools/spectral-$SPECTRAL_CLI_VERSION-owasp-$OWASP_RULESET_VERSION"
spectral="$dir/node_modules/.bin/spectral"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  # shellcheck source=apt-install.sh
  source "$here/apt-install.sh"
  apt_install install-spectral nodejs npm
fi

if [[ ! -x "$spectral" ]]; then
  echo "install-spectral: installing @stoplight/spectral-cli $SPECTRAL_CLI_VERSION and the OWASP ruleset $OWASP_RULESET_VERSION (once)..."
  mkdir -p "$dir.partial"
  npm install --prefix "$dir.partial" --no-audit --no-fund --no-save --loglevel=error \
      "@stoplight/spectral-cli@$SPECTRAL_CLI_VERSION" "@stoplight/spectral-owasp-ruleset@$OWASP_RULESET_VERSION" >&2
  rm -rf "$dir" && mv "$dir.partial" "$dir"
fi

# The project's ruleset extends the OWASP one by package name; Spectral resolves that from the ruleset's own folder.
cp "$rules" "$dir/spectral.yaml"
"$spectral" --version
echo "spectral=$spectral"
echo "ruleset=$dir/spectral.yaml"
