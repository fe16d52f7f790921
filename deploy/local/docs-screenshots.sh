#!/usr/bin/env bash
# Refreshes the pictures of the role guides (docs/guides) from the browser suite's last run, so they show the pages
# as they are. Run the browser suite first (it starts the platform itself), then this:
#   ./mvnw -pl e2e-tests -am verify -Dit.test=WebPagesBrowserIT -Dsurefire.failIfNoSpecifiedTests=false -DskipTests=false
#   deploy/local/docs-screenshots.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
shots="$ROOT/e2e-tests/target/e2e/screenshots"
[[ -d "$shots" ]] || { echo "no screenshots in $shots: run the browser suite first (see this file's comment)" >&2; exit 1; }
copied=0
for picture in "$ROOT"/docs/images/*.png; do
  name=$(basename "$picture")
  if [[ -f "$shots/$name" ]]; then
    cp "$shots/$name" "$picture"
    copied=$((copied + 1))
  else
    echo "the browser suite no longer takes $name: update docs/guides and docs/images" >&2
  fi
done
echo "refreshed $copied pictures in docs/images from $shots"
