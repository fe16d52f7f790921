#!/usr/bin/env bash
# Gateway throughput with two replicas behind the load balancer against one replica, same load, same run: wrk
# (Debian's, installed once when missing), the clause lookup as one staff member, alternating rounds.
#
#   TRUSTGOV_GATEWAY_RATELIMIT_REQUESTSPERSECOND=1000000 TRUSTGOV_GATEWAY_RATELIMIT_BURST=1000000 \
#     deploy/local/start.sh --replicas 2        # a limit no load reaches, so the figures are of the gateways
#   deploy/local/bench-replicas.sh [--rounds 3] [--seconds 10] [--connections 16]
#
# Prints each round and the medians. On one 2-core machine both replicas, the services and wrk share the cores, so
# this shows what the load balancer and the shared session/limit store cost, not what a second node would add.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/local/common.sh
source "$ROOT/deploy/local/common.sh"
# shellcheck source=deploy/local/apt-install.sh
source "$ROOT/deploy/local/apt-install.sh"

ROUNDS=3; SECONDS_PER_ROUND=10; CONNECTIONS=16
while (( $# > 0 )); do
  case "$1" in
    --rounds) shift; ROUNDS=$1 ;;
    --seconds) shift; SECONDS_PER_ROUND=$1 ;;
    --connections) shift; CONNECTIONS=$1 ;;
    *) fail "unknown option: $1" ;;
  esac
  shift
done
command -v wrk >/dev/null 2>&1 || apt_install bench-replicas.sh wrk
command -v curl >/dev/null 2>&1 || apt_install bench-replicas.sh curl
REPLICAS=2
running haproxy || fail "start the platform with deploy/local/start.sh --replicas 2 first"

ROUTE=/api/policy/policies/SM-001/versions/current/clauses/4.2
token() {
  curl -sf "$ISSUER/protocol/openid-connect/token" -d grant_type=password -d client_id=demo-cli \
    -d username=alex.nurse -d password=Trust-Demo-2026 | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
# requests/s and p99 (ms) of one wrk round against a base URL
round() {
  local out rps p99
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_ROUND}s" --latency -H "Authorization: Bearer $(token)" "$1$ROUTE")
  if grep -q "Non-2xx" <<<"$out"; then fail "non-2xx answers from $1: $(grep Non-2xx <<<"$out")"; fi
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /us$/) {sub("us","",v); v=v/1000} else {sub("s","",v); v=v*1000}; printf "%.1f", v}' <<<"$out")
  echo "$rps $p99"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

LB="http://localhost:$GATEWAY_PORT"; ONE="http://localhost:$(app_port_of gateway-service)"
step "warming up both replicas (15 s)"
round "$LB" >/dev/null
lb=(); one=(); lbp=(); onep=()
for (( r=1; r<=ROUNDS; r++ )); do
  read -r a ap < <(round "$LB"); read -r b bp < <(round "$ONE")
  lb+=("$a"); one+=("$b"); lbp+=("$ap"); onep+=("$bp")
  printf 'round %d: two replicas behind HAProxy %6d req/s (p99 %s ms)   one replica %6d req/s (p99 %s ms)\n' "$r" "$a" "$ap" "$b" "$bp"
done
m_lb=$(printf '%s\n' "${lb[@]}" | median); m_one=$(printf '%s\n' "${one[@]}" | median)
printf 'median: two replicas %d req/s, one replica %d req/s, ratio %.2f (p99 %s / %s ms)\n' "$m_lb" "$m_one" \
  "$(awk -v a="$m_lb" -v b="$m_one" 'BEGIN {print a / b}')" "$(printf '%s\n' "${lbp[@]}" | median)" "$(printf '%s\n' "${onep[@]}" | median)"
