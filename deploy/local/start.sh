#!/usr/bin/env bash
# Starts the whole platform on this machine, on its embedded defaults:
# Keycloak (realm nhs-trust imported), policy-, training- and audit-service and the audit log's witness (each on an
# embedded MongoDB wire-protocol server with an H2 file under the data folder) and the gateway.
#
#   deploy/local/start.sh                start what is not already running, wait until all are ready
#   deploy/local/start.sh --build        rebuild the jars first
#   deploy/local/start.sh --replicas 2   two instances of every application behind HAProxy (round robin, no
#                                        stickiness), the gateways' sessions and rate limits in Redis, each service's
#                                        instances sharing one store (installs Debian's redis-server and haproxy)
#   deploy/local/stop.sh                 stop exactly what this started
#
# Needs only a JDK 17+ (and this repository). Every setting below can be changed through the environment;
# docs/configuration.md lists them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/local/common.sh
source "$ROOT/deploy/local/common.sh"

FORCE_BUILD=false
while (( $# > 0 )); do
  case "$1" in
    --build) FORCE_BUILD=true ;;
    --replicas) shift; REPLICAS="${1:-}" ;;
    --replicas=*) REPLICAS="${1#--replicas=}" ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) fail "unknown option: $1 (try --help)" ;;
  esac
  shift
done
[[ "$REPLICAS" =~ ^[1-9]$ ]] || fail "--replicas takes a number from 1 to 9, not '$REPLICAS'"
set_components

check_java
mkdir -p "$DATA_DIR" "$LOG_DIR" "$RUN_DIR" "$CACHE_DIR"
# The gateway replicas share one key for the confidential-report limit's buckets in Redis (made once per data folder).
if [[ ! -s "$RUN_DIR/confidential-report.key" ]]; then
  (umask 077; head -c 32 /dev/urandom | base64 > "$RUN_DIR/confidential-report.key")
fi
CONFIDENTIAL_REPORT_KEY="${CONFIDENTIAL_REPORT_KEY:-$(cat "$RUN_DIR/confidential-report.key")}"
if (( REPLICAS > 1 )); then
  for tool in redis-server haproxy; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      # shellcheck source=deploy/local/apt-install.sh
      source "$ROOT/deploy/local/apt-install.sh"
      apt_install start.sh redis-server haproxy
      break
    fi
  done
fi

# 1. Ports: anything already listening that we did not start is a clear error, not a stack trace later.
for component in "${COMPONENTS[@]}"; do
  if running "$component"; then continue; fi
  for port in $(ports_of "$component"); do
    if port_open "$port"; then
      fail "port $port (for $component) is already in use by another program. Stop it, or choose another port with $(port_variable_of "$component" "$port") (see docs/configuration.md)."
    fi
  done
done

# 2. Build what is missing or older than its sources.
missing=false
for app in "${APPS[@]}" "$WITNESS"; do
  jar="$(jar_of "$app")"
  if [[ ! -f "$jar" ]] || [[ -n "$(find "$ROOT" \( -name target -o -name .cache -o -name data -o -name logs -o -name .git \) -prune \
        -o \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$jar" -print -quit 2>/dev/null)" ]]; then
    missing=true
  fi
done
if $FORCE_BUILD || $missing; then
  step "building the services (./mvnw -DskipTests package; the first build downloads dependencies)"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package) || fail "the build failed; see the output above"
fi

# 3. Keycloak, fetched once from Maven Central into the cache folder.
KC_HOME="$CACHE_DIR/keycloak-$KEYCLOAK_VERSION"
if [[ ! -f "$KC_HOME/bin/kc.sh" ]]; then
  step "fetching Keycloak $KEYCLOAK_VERSION from Maven Central (org.keycloak:keycloak-quarkus-dist, once)"
  (cd "$ROOT" && ./mvnw -q -B -N dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$CACHE_DIR" -Dmdep.overWriteReleases=true) || fail "could not fetch Keycloak from Maven Central"
  (cd "$CACHE_DIR" && "$JAR" xf "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip") || fail "could not unpack Keycloak"
  rm -f "$CACHE_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
fi

# 3b. GreenMail, the local mail server every reminder goes to, fetched once from Maven Central.
GREENMAIL_JAR="$CACHE_DIR/greenmail-standalone-$GREENMAIL_VERSION.jar"
if [[ ! -f "$GREENMAIL_JAR" ]]; then
  step "fetching GreenMail $GREENMAIL_VERSION from Maven Central (com.icegreen:greenmail-standalone, once)"
  (cd "$ROOT" && ./mvnw -q -B -N dependency:copy \
      -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" \
      -DoutputDirectory="$CACHE_DIR" -Dmdep.overWriteReleases=true) || fail "could not fetch GreenMail from Maven Central"
fi

start_mail() {
  # Accepts mail for any address (no accounts, no authentication): for this machine only, on loopback.
  launch mail "$JAVA" -Xms16m -Xmx128m \
    -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$MAIL_SMTP_PORT" \
    -Dgreenmail.imap.hostname=127.0.0.1 -Dgreenmail.imap.port="$MAIL_IMAP_PORT" \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MAIL_WEB_PORT" \
    -Dgreenmail.auth.disabled -jar "$GREENMAIL_JAR"
}

start_keycloak() {
  mkdir -p "$KC_HOME/data/import" "$DATA_DIR/keycloak"
  bash "$ROOT/deploy/local/demo-realm.sh" "$KC_HOME/data/import/nhs-trust-realm.json"
  # The trust's login page (deploy/keycloak/themes/trustgov, which the realm selects), fresh on every start.
  rm -rf "$KC_HOME/themes/trustgov" && cp -R "$ROOT/deploy/keycloak/themes/trustgov" "$KC_HOME/themes/"
  # The demo clients' secrets, for this local run only: the realm file has no default, and every other recipe
  # (compose, Kubernetes) must pass the trust's own.
  launch keycloak env \
    KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN" KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
    GATEWAY_CLIENT_SECRET="${GATEWAY_CLIENT_SECRET:-gateway-secret}" HR_SYSTEM_CLIENT_SECRET="${HR_SYSTEM_CLIENT_SECRET:-hr-system-secret}" \
    POLICY_SERVICE_CLIENT_SECRET="${POLICY_SERVICE_CLIENT_SECRET:-policy-service-secret}" \
    TRAINING_SERVICE_CLIENT_SECRET="${TRAINING_SERVICE_CLIENT_SECRET:-training-service-secret}" \
    AUDIT_SERVICE_CLIENT_SECRET="${AUDIT_SERVICE_CLIENT_SECRET:-audit-service-secret}" \
    KC_HOSTNAME="http://localhost:$KEYCLOAK_PORT" \
    JAVA_HOME="$JAVA_HOME_DIR" JAVA_OPTS_KC_HEAP="${KEYCLOAK_HEAP:--Xms64m -Xmx384m}" \
    bash "$KC_HOME/bin/kc.sh" start-dev --import-realm \
      --http-port="$KEYCLOAK_PORT" --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
      --health-enabled=true \
      --features-disabled=identity-brokering-api,twitter-broker \
      --db-url="jdbc:h2:file:$DATA_DIR/keycloak/keycloakdb;NON_KEYWORDS=VALUE"
}

start_app() {
  local component=$1 app port mongo=()
  app=$(app_of "$component"); port=$(app_port_of "$component")
  if (( REPLICAS > 1 )) && [[ $app != gateway-service && $app != "$WITNESS" ]]; then
    if [[ $(instance_of "$component") == 1 ]]; then
      # The first instance serves its embedded store on a fixed port...
      mongo=(TRUSTGOV_MONGODB_EMBEDDED_PORT="$(mongo_port_of "$app")")
    else
      # ...and the others use it as their MongoDB (in production: a replica set, see docs/operations.md).
      local database=${app%-service}
      mongo=(MONGODB_URI="mongodb://127.0.0.1:$(mongo_port_of "$app")/$database")
    fi
  fi
  local redis=()
  # Redis shares the two cores with ten JVMs and Keycloak here: a session read may wait 10 s before a 503 (2 s by default).
  if (( REPLICAS > 1 )) && [[ $app == gateway-service ]]; then
    redis=(REDIS_URL="redis://127.0.0.1:$REDIS_PORT" TRUSTGOV_GATEWAY_SESSION_REDISTIMEOUT="${TRUSTGOV_GATEWAY_SESSION_REDISTIMEOUT:-10s}"
      CONFIDENTIAL_REPORT_KEY="$CONFIDENTIAL_REPORT_KEY")
  fi
  # The gateway shares this machine's cores with the services and Keycloak: one event loop serves it best here
  # (EventLoops; a dedicated gateway node keeps the default, one per processor).
  local loops=()
  if [[ $app == gateway-service ]]; then loops=(TRUSTGOV_GATEWAY_EVENT_LOOPS="${TRUSTGOV_GATEWAY_EVENT_LOOPS:-1}"); fi
  # Run from a copy, so a later build never rewrites the jar under a running process.
  cp "$(jar_of "$app")" "$RUN_DIR/$component.jar"
  # shellcheck disable=SC2086
  launch "$component" env \
    SERVER_PORT="$port" \
    TRUSTGOV_DATA_DIR="$DATA_DIR/mongodb" \
    TRUSTGOV_MONGODB_EMBEDDED_ENABLED="${TRUSTGOV_MONGODB_EMBEDDED_ENABLED:-true}" \
    TRUSTGOV_PUBLIC_URL="${TRUSTGOV_PUBLIC_URL:-http://localhost:$GATEWAY_PORT}" \
    TRUSTGOV_POLICY_SEEDDEMODATA="${TRUSTGOV_SEED_DEMO_DATA:-true}" \
    KEYCLOAK_ISSUER_URI="$ISSUER" \
    POLICY_SERVICE_URL="http://localhost:$POLICY_PORT" \
    TRAINING_SERVICE_URL="http://localhost:$TRAINING_PORT" \
    AUDIT_SERVICE_URL="http://localhost:$AUDIT_PORT" \
    SMTP_HOST=127.0.0.1 SMTP_PORT="$MAIL_SMTP_PORT" \
    WITNESS_SERVICE_URL="http://localhost:$WITNESS_PORT" \
    "${mongo[@]}" "${redis[@]}" "${loops[@]}" \
    "$JAVA" ${TRUSTGOV_JAVA_OPTS:--Xms64m -Xmx384m -XX:+ExitOnOutOfMemoryError} -Dtrustgov.component="$component" -jar "$RUN_DIR/$component.jar"
}

start_redis() {
  launch redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no
}

# Round robin over the instances, no stickiness: any gateway serves any request (sessions are in Redis), any
# service instance any call. The load balancer in front of the gateway overwrites X-Forwarded-For.
start_haproxy() {
  local cfg="$RUN_DIR/haproxy.cfg" app k
  {
    # Idle keep-alive connections are closed by the gateway's pool (30 s) before HAProxy would (75 s), so a request is
    # never sent on a connection the other side is closing.
    # Only abnormal requests (errors, 5xx, timeouts) are logged, to haproxy.log.
    printf 'global\n  maxconn 4096\n  log stdout format raw local0\n\ndefaults\n  mode http\n  log global\n'
    printf '  option httplog\n  option dontlog-normal\n  timeout connect 2s\n  timeout client 75s\n'
    printf '  timeout server 75s\n  timeout http-keep-alive 75s\n  option http-keep-alive\n  retries 2\n  option redispatch\n'
    # An instance that dies under a request costs it nothing: a refused or broken-off connection, or a 502/503, is
    # tried again on another instance (HAProxy replays only idempotent requests after a response came back).
    printf '  retry-on conn-failure empty-response junk-response 502 503\n'
    # A refused connection marks an instance down within seconds; a slow answer (a busy JVM, a pause) only after
    # three checks of up to 10 s each, so a loaded machine does not take every instance out at once.
    printf '  timeout check 10s\n\n'
    for app in "${APPS[@]}"; do
      printf 'frontend %s\n  bind 127.0.0.1:%s\n' "$app" "$(public_port_of "$app")"
      if [[ $app == gateway-service ]]; then
        printf '  http-request del-header X-Forwarded-For\n  option forwardfor\n'
      fi
      printf '  default_backend %s-instances\n\nbackend %s-instances\n  balance roundrobin\n' "$app" "$app"
      printf '  option httpchk GET /actuator/health/readiness\n  default-server check inter 2s fall 3 rise 1\n'
      for (( k=1; k<=REPLICAS; k++ )); do
        local name=$app; (( k > 1 )) && name="$app-$k"
        printf '  server %s 127.0.0.1:%s\n' "$name" "$(app_port_of "$name")"
      done
      printf '\n'
    done
  } > "$cfg"
  haproxy -c -q -f "$cfg" || fail "HAProxy refused the generated configuration $cfg"
  launch haproxy haproxy -db -f "$cfg"
}

# 4. Start. The services do not need Keycloak to start (they fetch its keys on the first request), so
# everything starts at once and the wait is as long as the slowest, usually Keycloak's first start. In a replicated
# run a service's further instances start once its first instance serves the shared store.
echo "$REPLICAS" > "$RUN_DIR/replicas"
started=()
for component in "${COMPONENTS[@]}"; do
  if running "$component"; then
    say "$component is already running (pid $(pid_of "$component")); not starting another"
    continue
  fi
  case "$component" in
    keycloak) start_keycloak ;;
    mail) start_mail ;;
    redis) start_redis ;;
    haproxy) start_haproxy ;;
    *)
      app=$(app_of "$component")
      if [[ $app != gateway-service && $(instance_of "$component") != 1 ]]; then
        begin=$SECONDS
        until port_open "$(mongo_port_of "$app")"; do
          running "$app" || fail "$app stopped while starting; see $LOG_DIR/$app.log"
          (( SECONDS - begin > STARTUP_TIMEOUT )) && fail "$app's store did not open within ${STARTUP_TIMEOUT}s"
          sleep 1
        done
      fi
      start_app "$component" ;;
  esac
  started+=("$component")
done

# 5. Wait until each reports ready, showing progress.
wait_ready() {
  local component=$1 begin=$SECONDS
  while ! ready "$component"; do
    if ! running "$component"; then
      [[ -t 1 ]] && printf '\n'
      say "$component stopped while starting; the end of $LOG_DIR/$component.log:"
      tail -n 25 "$LOG_DIR/$component.log" >&2 || true
      fail "$component did not start"
    fi
    if (( SECONDS - begin > STARTUP_TIMEOUT )); then
      [[ -t 1 ]] && printf '\n'
      fail "$component was not ready after ${STARTUP_TIMEOUT}s; see $LOG_DIR/$component.log"
    fi
    if [[ -t 1 ]]; then
      printf '\r  waiting for %-16s %4ss (Keycloak'"'"'s first start takes about a minute)' "$component" $((SECONDS - T0))
    elif (( (SECONDS - begin) % 10 == 0 )); then
      printf '  still waiting for %s (%ss)\n' "$component" $((SECONDS - T0))
    fi
    sleep 1
  done
  if [[ -t 1 ]]; then printf '\r'; fi
  printf '  %-28s ready after %ss%-40s\n' "$component" $((SECONDS - T0)) ""
}
T0=$SECONDS
step "waiting until everything is ready (logs in $LOG_DIR)"
for component in "${COMPONENTS[@]}"; do wait_ready "$component"; done

cat <<EOF

The platform is running (ready ${SECONDS}s after the start command$( (( REPLICAS > 1 )) && printf '; %s instances of each application behind HAProxy' "$REPLICAS")).

  Web pages        http://localhost:$GATEWAY_PORT/
  Swagger UI       http://localhost:$GATEWAY_PORT/swagger-ui.html
  APIs             http://localhost:$GATEWAY_PORT/api/policy/**, /api/training/**, /api/audit/**, /api/witness/**
  Witness          port $WITNESS_PORT: the audit log's witness, its own key and store (API through the gateway)
  Keycloak         http://localhost:$KEYCLOAK_PORT/  (admin console: $KEYCLOAK_ADMIN / $KEYCLOAK_ADMIN_PASSWORD)
  Mail (GreenMail) every reminder sent lands here: http://localhost:$MAIL_WEB_PORT/ (API, e.g.
                   /api/user/alex.carter@trust.example.nhs.uk/messages/INBOX), or IMAP localhost:$MAIL_IMAP_PORT
                   with the address as user name and any password

  Demo logins (realm nhs-trust, password for all: Trust-Demo-2026)
    alex.nurse          staff nurse, Acute Medicine           staff
    priya.doctor        doctor, Emergency Department          staff
    jordan.author       policy author, Communications         staff, policy-author
    morgan.governance   governance lead, Clinical Governance  staff, governance
    sam.governance      governance officer, Clinical Governance staff, governance (the second pair of eyes)
    chris.manager       ward manager, Acute Medicine          staff, line-manager
    taylor.auditor      internal auditor, Internal Audit      auditor
  HR system client:  hr-system / hr-system-secret (client credentials)

  Logs: $LOG_DIR    Data: $DATA_DIR
  Stop: deploy/local/stop.sh
EOF
