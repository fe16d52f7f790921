#!/usr/bin/env bash
# Writes the realm the local run imports: deploy/keycloak/nhs-trust-realm.json (what a trust deploys: no people, no
# secrets) with the demo people of deploy/keycloak/demo-users.json added to its users. Only the local run uses it;
# compose and Kubernetes import the realm file alone, so no demo password reaches them.
#   deploy/local/demo-realm.sh <output file>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
out=${1:?usage: demo-realm.sh <output file>}
awk -v demo="$ROOT/deploy/keycloak/demo-users.json" '
  { print }
  /^  "users": \[/ {
    n = 0
    while ((getline line < demo) > 0) { lines[++n] = line }
    for (i = 2; i < n; i++) { print lines[i] }   # the array without its brackets
    print "    ,"
  }' "$ROOT/deploy/keycloak/nhs-trust-realm.json" > "$out.tmp"
mv "$out.tmp" "$out"
