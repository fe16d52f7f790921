#!/usr/bin/env bash
# What the gateway costs, measured with wrk (Debian's, installed once when missing) against the running platform
# (start it first with deploy/local/start.sh):
#
#   deploy/local/bench-gateway.sh [--rounds 3] [--seconds 12] [--connections 16] [--threads 2] [--warmup 15]
#                                 [--steady 300] [--routes clause,my-modules,acknowledge] [--floors]
#
# Routes, each as the same staff member (alex.nurse, a real Keycloak token fetched for every round); the first three
# run by default, --routes chooses (comma-separated):
#   clause       GET  /api/policy/policies/SM-001/versions/current/clauses/4.2   a cheap read
#   my-modules   GET  /api/training/my/modules                                   a read of a person's data
#   acknowledge  POST /api/policy/policies/SM-001/versions/<in force>/attestations  a write (idempotent after the first)
#   incident     POST /api/audit/incidents                                       the dearest write: a concern reported
#                (clause check and training snapshot over Feign, a reference number, the incident, a chained log
#                entry); every request stores a new incident, so run it on a platform whose data may grow
#                (--routes incident --seconds 30 --warmup 60 measures what the README's incident figure says); first
#                the subject (10000002) is put on HR's roster and module BEN-99, teaching SM-001, is published
# --warmup runs each route through each target for that many seconds first. A gateway (a JVM) is still being compiled
# for minutes under this load, so its figures after a short warm-up are a cold gateway's; --steady S then keeps each
# gateway on the first route, in 10 s slices, until its CPU per request is within 10% of the slice before (two slices
# in a row), for at most S seconds, printing each slice; 0 (the default) skips it.
# Each route runs in alternating rounds straight at its service, through a gateway with the rate limiter on (a limit
# no load reaches, so its cost is measured, not its refusals) and through a gateway with it off. The two gateways
# are extra instances of the built jar on GATEWAY_PORT+10 and +11, started here and stopped at the end. It prints
# every round, then per route and target the median throughput, p50 and p99 and the ratio to the direct call.
# BENCH_GATEWAY_JAR measures another build of the gateway (e.g. an older commit's) against the same services. The
# gateways run with one event loop, as deploy/local/start.sh runs them; TRUSTGOV_GATEWAY_EVENT_LOOPS=2 measures them
# with the default of a dedicated two-core node.
# The anchor: HAProxy (Debian's, installed once when missing; one thread, as the gateway has one event loop) on
# GATEWAY_PORT+12 in front of the same services, checking the same token itself: its RS256 signature against the
# realm's public key (jwt_verify), its expiry and its issuer, and routing by path. It is C and does nothing else, so
# it is the cost of a proxy that checks a token and no more. Each proxy's CPU per request (from /proc: the gateway's
# JVM, or the HAProxy process) is printed beside its throughput.
# --floors adds two targets, both run with the libraries inside the gateway jar, one event loop, checking no token:
#   jvm-floor  (GATEWAY_PORT+13) Reactor Netty's server handing each request to Reactor Netty's client, routed by path
#              (deploy/local/bench/JvmFloorProxy.java): what any proxy on the JVM costs on this machine;
#   scg-floor  (GATEWAY_PORT+14) Spring Cloud Gateway as it comes, on Boot's defaults, with the same three routes and
#              no Spring Security (deploy/local/bench/ScgFloor.java): what the gateway framework costs before any of
#              this project's work. --steady warms it as it warms the gateways.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/local/common.sh
source "$ROOT/deploy/local/common.sh"
# shellcheck source=deploy/local/apt-install.sh
source "$ROOT/deploy/local/apt-install.sh"

ROUNDS=3 SECONDS_PER_ROUND=12 CONNECTIONS=16 THREADS=2 WARMUP_SECONDS=15 STEADY_SECONDS=0
ROUTES_OPTION=clause,my-modules,acknowledge FLOORS=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --seconds) SECONDS_PER_ROUND="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --warmup) WARMUP_SECONDS="$2"; shift 2 ;;
    --steady) STEADY_SECONDS="$2"; shift 2 ;;
    --routes) ROUTES_OPTION="$2"; shift 2 ;;
    --floors) FLOORS=1; shift ;;
    -h|--help) sed -n '2,39p' "$0"; exit 0 ;;
    *) fail "unknown option: $1 (try --help)" ;;
  esac
done

command -v wrk >/dev/null 2>&1 || apt_install bench-gateway.sh wrk
command -v haproxy >/dev/null 2>&1 || apt_install bench-gateway.sh haproxy
command -v curl >/dev/null 2>&1 || apt_install bench-gateway.sh curl
(( FLOORS == 0 )) || command -v unzip >/dev/null 2>&1 || apt_install bench-gateway.sh unzip
command -v wrk >/dev/null 2>&1 || fail "wrk is not installed"
check_java
for port in "$KEYCLOAK_PORT" "$POLICY_PORT" "$TRAINING_PORT" "$AUDIT_PORT"; do
  port_open "$port" || fail "nothing listens on port $port: start the platform first (deploy/local/start.sh)"
done

LIMITED_PORT=$((GATEWAY_PORT + 10))
UNLIMITED_PORT=$((GATEWAY_PORT + 11))
HAPROXY_PORT=$((GATEWAY_PORT + 12))
FLOOR_PORT=$((GATEWAY_PORT + 13))
SCG_FLOOR_PORT=$((GATEWAY_PORT + 14))
WORK="$(mktemp -d)"
BENCH_PIDS=()
cleanup() {
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# 1. Two gateways beside the platform's own, one with the limiter on and one with it off.
cp "${BENCH_GATEWAY_JAR:-$(jar_of gateway-service)}" "$WORK/gateway.jar"
declare -A PID_OF=()
start_gateway() {
  local port=$1 enabled=$2
  # shellcheck disable=SC2086
  env SERVER_PORT="$port" KEYCLOAK_ISSUER_URI="$ISSUER" \
    POLICY_SERVICE_URL="http://localhost:$POLICY_PORT" TRAINING_SERVICE_URL="http://localhost:$TRAINING_PORT" \
    AUDIT_SERVICE_URL="http://localhost:$AUDIT_PORT" \
    TRUSTGOV_GATEWAY_RATE_LIMIT_ENABLED="$enabled" TRUSTGOV_GATEWAY_EVENT_LOOPS="${TRUSTGOV_GATEWAY_EVENT_LOOPS:-1}" \
    TRUSTGOV_GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND=1000000000 TRUSTGOV_GATEWAY_RATE_LIMIT_BURST=1000000000 \
    "$JAVA" ${TRUSTGOV_JAVA_OPTS:--Xms64m -Xmx384m} ${BENCH_GATEWAY_JAVA_OPTS:-} -jar "$WORK/gateway.jar" \
    >"$WORK/gateway-$port.log" 2>&1 &
  BENCH_PIDS+=($!)
  PID_OF[$port]=$!
}
step "starting two gateways for the benchmark (limiter on: $LIMITED_PORT, off: $UNLIMITED_PORT)"
start_gateway "$LIMITED_PORT" true
start_gateway "$UNLIMITED_PORT" false
for port in "$LIMITED_PORT" "$UNLIMITED_PORT"; do
  begin=$SECONDS
  until http_ok "$port" /actuator/health/readiness; do
    (( SECONDS - begin < 120 )) || { tail -n 30 "$WORK/gateway-$port.log" >&2; fail "the gateway on $port did not start"; }
    sleep 1
  done
done

# 1b. HAProxy checking the token itself: the realm's RS256 public key as PEM, then a one-thread HAProxy.
public_key="$(curl -sf "$ISSUER" | sed -n 's/.*"public_key":"\([^"]*\)".*/\1/p')"
[[ -n "$public_key" ]] || fail "could not read the realm's public key from $ISSUER"
{ echo "-----BEGIN PUBLIC KEY-----"; fold -w 64 <<<"$public_key"; echo "-----END PUBLIC KEY-----"; } >"$WORK/realm.pem"
cat >"$WORK/haproxy.cfg" <<HAPROXY
global
  nbthread 1
  maxconn 4000
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend api
  bind 127.0.0.1:$HAPROXY_PORT
  http-request set-var(txn.alg) http_auth_bearer,jwt_header_query('\$.alg')
  http-request set-var(txn.iss) http_auth_bearer,jwt_payload_query('\$.iss')
  http-request set-var(txn.exp) http_auth_bearer,jwt_payload_query('\$.exp','int')
  http-request set-var(txn.now) date()
  http-request deny deny_status 401 unless { var(txn.alg) -m str RS256 }
  http-request deny deny_status 401 unless { http_auth_bearer,jwt_verify(txn.alg,"$WORK/realm.pem") -m int 1 }
  http-request deny deny_status 401 unless { var(txn.iss) -m str $ISSUER }
  http-request deny deny_status 401 unless { var(txn.exp),sub(txn.now) -m int gt 0 }
  use_backend policy if { path_beg /api/policy/ }
  use_backend training if { path_beg /api/training/ }
  use_backend audit if { path_beg /api/audit/ }
backend policy
  server policy 127.0.0.1:$POLICY_PORT
backend training
  server training 127.0.0.1:$TRAINING_PORT
backend audit
  server audit 127.0.0.1:$AUDIT_PORT
HAPROXY
haproxy -c -q -f "$WORK/haproxy.cfg" || fail "HAProxy does not accept the benchmark's configuration"
haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
BENCH_PIDS+=($!)
PID_OF[$HAPROXY_PORT]=$!

# 1c. With --floors: the bare Reactor Netty proxy and Spring Cloud Gateway as it comes, on the jars the gateway carries.
if (( FLOORS )); then
  mkdir -p "$WORK/floor"
  unzip -q -o "$WORK/gateway.jar" 'BOOT-INF/lib/*' -d "$WORK/floor"
  # shellcheck disable=SC2086
  "$JAVA" ${TRUSTGOV_JAVA_OPTS:--Xms64m -Xmx384m} -Dreactor.netty.ioWorkerCount=1 -cp "$WORK/floor/BOOT-INF/lib/*" \
    "$ROOT/deploy/local/bench/JvmFloorProxy.java" "$FLOOR_PORT" "$POLICY_PORT" "$TRAINING_PORT" "$AUDIT_PORT" \
    >"$WORK/jvm-floor.log" 2>&1 &
  BENCH_PIDS+=($!)
  PID_OF[$FLOOR_PORT]=$!
  # shellcheck disable=SC2086
  "$JAVA" ${TRUSTGOV_JAVA_OPTS:--Xms64m -Xmx384m} -Dreactor.netty.ioWorkerCount=1 -cp "$WORK/floor/BOOT-INF/lib/*" \
    "$ROOT/deploy/local/bench/ScgFloor.java" --server.port="$SCG_FLOOR_PORT" --server.address=127.0.0.1 \
    --floor.policy="$POLICY_PORT" --floor.training="$TRAINING_PORT" --floor.audit="$AUDIT_PORT" \
    >"$WORK/scg-floor.log" 2>&1 &
  BENCH_PIDS+=($!)
  PID_OF[$SCG_FLOOR_PORT]=$!
  for port in "$FLOOR_PORT" "$SCG_FLOOR_PORT"; do
    begin=$SECONDS
    until port_open "$port"; do
      (( SECONDS - begin < 120 )) || { cat "$WORK"/*floor.log >&2; fail "the floor proxy on $port did not start"; }
      sleep 1
    done
  done
fi

# 2. A staff token (the password grant of the demo client), fetched again for each round: tokens last 5 minutes.
token() {
  curl -sf "$ISSUER/protocol/openid-connect/token" -d grant_type=password -d client_id=demo-cli \
    -d username=alex.nurse -d password=Trust-Demo-2026 | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
TOKEN="$(token)"
[[ -n "$TOKEN" ]] || fail "could not get a token for alex.nurse from $ISSUER"
IN_FORCE="$(curl -sf -H "Authorization: Bearer $TOKEN" "http://localhost:$POLICY_PORT/api/policy/policies/SM-001/versions/current" \
  | grep -o '"number":"[^"]*"' | head -n 1 | cut -d'"' -f4)"
[[ -n "$IN_FORCE" ]] || fail "SM-001 has no version in force (the demo data seeds one)"

cat >"$WORK/acknowledge.lua" <<'EOF'
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"
EOF
# A concern about a demo staff member citing the clause in force; __N__ gives each report its own description.
INCIDENT_JSON='{"subjectStaffNumber":"10000002","occurredAt":"2026-11-20T21:30:00Z","platform":"FACEBOOK",'\
'"category":"PATIENT_IMAGES_WITHOUT_CONSENT","severity":"HIGH","description":"Benchmark: a ward photo, report __N__",'\
'"breachedClauses":[{"policyCode":"SM-001","policyVersion":"'"$IN_FORCE"'","clauseNumber":"4.2"}]}'
cat >"$WORK/incident.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local body = [[$INCIDENT_JSON]]
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, (body:gsub("__N__", tostring(n))))
end
EOF

declare -A PATHS=(
  [clause]="/api/policy/policies/SM-001/versions/current/clauses/4.2"
  [my-modules]="/api/training/my/modules"
  [acknowledge]="/api/policy/policies/SM-001/versions/$IN_FORCE/attestations"
  [incident]="/api/audit/incidents"
)
declare -A SERVICE_PORT=([clause]=$POLICY_PORT [my-modules]=$TRAINING_PORT [acknowledge]=$POLICY_PORT [incident]=$AUDIT_PORT)
IFS=, read -r -a ROUTES <<<"$ROUTES_OPTION"
for route in "${ROUTES[@]}"; do
  [[ -n "${PATHS[$route]:-}" ]] || fail "unknown route: $route (clause, my-modules, acknowledge or incident)"
done
TARGETS=(direct limiter-on limiter-off haproxy)
(( FLOORS == 0 )) || TARGETS+=(jvm-floor scg-floor)
port_for() {
  case "$2" in
    direct) echo "${SERVICE_PORT[$1]}" ;; limiter-on) echo "$LIMITED_PORT" ;; limiter-off) echo "$UNLIMITED_PORT" ;;
    haproxy) echo "$HAPROXY_PORT" ;; jvm-floor) echo "$FLOOR_PORT" ;; scg-floor) echo "$SCG_FLOOR_PORT" ;;
  esac
}
TICKS_PER_SECOND=$(getconf CLK_TCK)
# CPU time a process has used so far, in clock ticks (user + system); 0 for the direct call, which has no proxy.
cpu_ticks() { if [[ -n "${1:-}" && -r /proc/$1/stat ]]; then awk '{ print $14 + $15 }' "/proc/$1/stat"; else echo 0; fi; }
# The same for the three services together (what a request costs behind the proxy).
services_ticks() {
  local total=0 service
  for service in policy-service training-service audit-service; do
    total=$((total + $(cpu_ticks "$(pid_of "$service" || true)")))
  done
  echo "$total"
}

# HAProxy passes a genuine token and refuses one whose signature is spoiled.
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://localhost:$HAPROXY_PORT${PATHS[clause]}")" == 200 ]] \
  || fail "HAProxy refused a genuine token (see $WORK/haproxy.log)"
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKEN%??????}AAAAAA" "http://localhost:$HAPROXY_PORT${PATHS[clause]}")" == 401 ]] \
  || fail "HAProxy let a token with a spoiled signature through"
# The incident route reports a person a trust would report: on HR's roster, with a published module teaching the
# breached policy, so each report's training snapshot is the whole read of their training (a subject training-service
# does not know answers 404, a cheaper path no real report takes). Both upserts are idempotent: the subject's roster
# row as HR sends it (HR_SYSTEM_CLIENT_SECRET, the local run's by default), and module BEN-99 bound to the
# version in force, created and published as governance (morgan.governance) once. Then one report, through the
# benchmark's gateway, before anything is measured: its snapshot must have been recorded with that module.
if [[ " ${ROUTES[*]} " == *" incident "* ]]; then
  hr_token="$(curl -sf "$ISSUER/protocol/openid-connect/token" -d grant_type=client_credentials -d client_id=hr-system \
    -d client_secret="${HR_SYSTEM_CLIENT_SECRET:-hr-system-secret}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  [[ -n "$hr_token" ]] || fail "could not get the hr-system client's token from $ISSUER (HR_SYSTEM_CLIENT_SECRET)"
  code=$(curl -s -o "$WORK/roster.json" -w '%{http_code}' -H "Authorization: Bearer $hr_token" -H 'Content-Type: text/csv' \
    --data-binary $'staffNumber,name,department,staffGroup\n10000002,Priya Shah,Emergency Department,Medical and Dental\n' \
    "http://localhost:$TRAINING_PORT/api/training/staff")
  [[ $code == 200 ]] && grep -q '"rejectedCount":0' "$WORK/roster.json" \
    || fail "the benchmark subject's roster row was answered $code: $(cat "$WORK/roster.json")"
  governance_token="$(curl -sf "$ISSUER/protocol/openid-connect/token" -d grant_type=password -d client_id=demo-cli \
    -d username=morgan.governance -d password=Trust-Demo-2026 | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  [[ -n "$governance_token" ]] || fail "could not get a token for morgan.governance from $ISSUER"
  modules="http://localhost:$TRAINING_PORT/api/training/modules"
  code=$(curl -s -o "$WORK/module.json" -w '%{http_code}' -H "Authorization: Bearer $governance_token" \
    -H 'Content-Type: application/json' "$modules" -d '{"code":"BEN-99","version":1,
    "title":"Benchmark: social media and patients","policyCode":"SM-001","policyVersion":"'"$IN_FORCE"'",
    "sections":[{"heading":"Why it matters","markdown":"A ward photo can identify a patient.","clauses":["4.2"]}],
    "questions":[{"id":"q1","text":"A colleague posts a ward photo. What do you do?","type":"SINGLE_CHOICE",
    "correct":["b"],"options":[{"id":"a","text":"Like it"},{"id":"b","text":"Ask them to remove it"}]}],
    "passMark":80,"refresherPeriod":"P1Y"}')
  [[ $code == 201 || $code == 409 ]] || fail "the benchmark module was answered $code: $(cat "$WORK/module.json")"
  code=$(curl -s -o "$WORK/module.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $governance_token" \
    "$modules/BEN-99/versions/1/publish")
  [[ $code == 200 || $code == 409 ]] || fail "publishing the benchmark module was answered $code: $(cat "$WORK/module.json")"
  code=$(curl -s -o "$WORK/incident-check.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "${INCIDENT_JSON//__N__/0}" "http://localhost:$LIMITED_PORT${PATHS[incident]}")
  [[ $code == 201 ]] || fail "a benchmark incident report was answered $code, not 201: $(cat "$WORK/incident-check.json")"
  reference=$(sed -n 's/.*"reference":"\([^"]*\)".*/\1/p' "$WORK/incident-check.json")
  curl -sf -H "Authorization: Bearer $governance_token" "http://localhost:$AUDIT_PORT${PATHS[incident]}/$reference" \
    >"$WORK/incident-read.json" || fail "governance could not read the benchmark report $reference"
  grep -q '"state":"RECORDED"' "$WORK/incident-read.json" && grep -q '"moduleCode":"BEN-99"' "$WORK/incident-read.json" \
    || fail "the benchmark report's training snapshot was not recorded with module BEN-99: $(cat "$WORK/incident-read.json")"
fi

# wrk's latency in ms, from "1.23ms", "456.00us" or "1.02s".
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

RESULTS="$WORK/results.tsv"
run_wrk() { # route target seconds -> "route target rps p50 p99 non2xx errors proxy-cpu-ms/request services-cpu-ms/request"
  local route=$1 target=$2 seconds=$3 port out script=() before after services_before services_after
  port=$(port_for "$route" "$target")
  [[ $route == acknowledge || $route == incident ]] && script=(-s "$WORK/$route.lua")
  before=$(cpu_ticks "${PID_OF[$port]:-}")
  services_before=$(services_ticks)
  out=$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" --latency "${script[@]}" \
    -H "Authorization: Bearer $TOKEN" "http://localhost:$port${PATHS[$route]}")
  after=$(cpu_ticks "${PID_OF[$port]:-}")
  services_after=$(services_ticks)
  local rps p50 p99 non2xx errors cpu services_cpu
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' <<<"$out"); errors=${errors:-0}
  cpu=$(awk -v t=$((after - before)) -v hz="$TICKS_PER_SECOND" -v r="$rps" -v s="$seconds" \
    'BEGIN { n = r * s; printf "%.3f", (n > 0 ? t * 1000 / hz / n : 0) }')
  services_cpu=$(awk -v t=$((services_after - services_before)) -v hz="$TICKS_PER_SECOND" -v r="$rps" -v s="$seconds" \
    'BEGIN { n = r * s; printf "%.3f", (n > 0 ? t * 1000 / hz / n : 0) }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$route" "$target" "$rps" "$p50" "$p99" "$non2xx" "$errors" "$cpu" \
    "$services_cpu"
}

step "warming up (${WARMUP_SECONDS}s per route and target)"
for route in "${ROUTES[@]}"; do for target in "${TARGETS[@]}"; do run_wrk "$route" "$target" "$WARMUP_SECONDS" >/dev/null; done; done

# A gateway's CPU per request falls for minutes as its JIT compiler works: until it holds still, a round measures
# compilation as much as proxying.
if (( STEADY_SECONDS > 0 )); then
  step "warming each gateway until its CPU per request holds still (10 s slices of ${ROUTES[0]}, at most ${STEADY_SECONDS}s)"
  steady_targets=(limiter-on limiter-off)
  (( FLOORS == 0 )) || steady_targets+=(scg-floor)
  for target in "${steady_targets[@]}"; do
    TOKEN="$(token)"
    previous="" held=0 spent=0
    while (( spent < STEADY_SECONDS )); do
      cpu=$(run_wrk "${ROUTES[0]}" "$target" 10 | cut -f8)
      spent=$((spent + 10))
      if [[ -n "$previous" ]] && awk -v a="$cpu" -v b="$previous" 'BEGIN { exit !(a <= b * 1.1 && a >= b * 0.9) }'; then
        held=$((held + 1))
      else
        held=0
      fi
      printf '  %-12s after %4ss: %s ms of CPU per request\n' "$target" "$spent" "$cpu"
      previous=$cpu
      (( held < 2 )) || break
    done
    (( held >= 2 )) || printf '  %-12s still changing after %ss\n' "$target" "$STEADY_SECONDS"
  done
fi

step "measuring: $ROUNDS rounds of ${SECONDS_PER_ROUND}s, $CONNECTIONS connections, $THREADS wrk threads, $(nproc) cores"
printf 'round\troute\ttarget\treq/s\tp50 ms\tp99 ms\tnon-2xx\tsocket errors\tproxy CPU ms/request\tservices CPU ms/request\n'
for round in $(seq 1 "$ROUNDS"); do
  TOKEN="$(token)"
  for route in "${ROUTES[@]}"; do
    for target in "${TARGETS[@]}"; do
      line=$(run_wrk "$route" "$target" "$SECONDS_PER_ROUND")
      printf '%s\t%s\n' "$round" "$line"
      printf '%s\n' "$line" >>"$RESULTS"
    done
  done
done

step "medians over $ROUNDS rounds, with the lowest and highest round (throughput and p99 through each proxy / direct; throughput / HAProxy's; CPU per request)"
printf '%-12s %-12s %10s %13s %9s %9s %15s %12s %10s %12s %11s %12s %8s\n' route target req/s "(range)" "p50 ms" "p99 ms" "(range)" \
  "throughput" "p99" "vs haproxy" "proxy ms" "services ms" failed
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
range() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.0f-%.0f", lo, hi }'; }
column_of() { awk -F'\t' -v r="$1" -v t="$2" -v c="$3" '$1 == r && $2 == t { print $c }' "$RESULTS"; }
for route in "${ROUTES[@]}"; do
  direct_rps=$(column_of "$route" direct 3 | median)
  direct_p99=$(column_of "$route" direct 5 | median)
  haproxy_rps=$(column_of "$route" haproxy 3 | median)
  for target in "${TARGETS[@]}"; do
    rps=$(column_of "$route" "$target" 3 | median)
    failed=$(awk -F'\t' -v r="$route" -v t="$target" '$1 == r && $2 == t { n += $6 + $7 } END { print n + 0 }' "$RESULTS")
    printf '%-12s %-12s %10.0f %13s %9.2f %9.2f %15s %11.2fx %9.2fx %11.2fx %11.3f %12.3f %8s\n' "$route" "$target" "$rps" \
      "($(column_of "$route" "$target" 3 | range))" "$(column_of "$route" "$target" 4 | median)" \
      "$(column_of "$route" "$target" 5 | median)" "($(column_of "$route" "$target" 5 | range))" \
      "$(awk -v a="$rps" -v b="$direct_rps" 'BEGIN { print a / b }')" \
      "$(awk -v a="$(column_of "$route" "$target" 5 | median)" -v b="$direct_p99" 'BEGIN { print a / b }')" \
      "$(awk -v a="$rps" -v b="$haproxy_rps" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
      "$(column_of "$route" "$target" 8 | median)" "$(column_of "$route" "$target" 9 | median)" "$failed"
  done
done
