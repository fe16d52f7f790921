# Shared by start.sh and stop.sh: settings (all overridable from the environment) and small helpers.
# Needs bash only: no curl, unzip or python, so a machine with a JDK and git is enough.

DATA_DIR="${TRUSTGOV_DATA_DIR:-$ROOT/data}"
LOG_DIR="${TRUSTGOV_LOG_DIR:-$ROOT/logs}"
CACHE_DIR="${TRUSTGOV_CACHE_DIR:-$ROOT/.cache}"
RUN_DIR="$DATA_DIR/run"

KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
KEYCLOAK_MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-9100}"
GATEWAY_PORT="${GATEWAY_PORT:-8080}"
POLICY_PORT="${POLICY_PORT:-8081}"
TRAINING_PORT="${TRAINING_PORT:-8082}"
AUDIT_PORT="${AUDIT_PORT:-8083}"
WITNESS_PORT="${WITNESS_PORT:-8084}"
KEYCLOAK_ADMIN="${KEYCLOAK_ADMIN:-admin}"
KEYCLOAK_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-admin}"
STARTUP_TIMEOUT="${TRUSTGOV_STARTUP_TIMEOUT:-300}"
REDIS_PORT="${REDIS_PORT:-6379}"
# The local mail server (GreenMail) that receives every reminder: SMTP for the services, IMAP and a web API to read.
MAIL_SMTP_PORT="${MAIL_SMTP_PORT:-3025}"
MAIL_IMAP_PORT="${MAIL_IMAP_PORT:-3143}"
MAIL_WEB_PORT="${MAIL_WEB_PORT:-8025}"
GREENMAIL_VERSION="$(sed -n 's:.*<greenmail.version>\(.*\)</greenmail.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
# How many instances of each application (start.sh --replicas N). With 2 or more, a load balancer (HAProxy) takes
# the gateway's and the services' ports and the instances listen on port+1000*k; Redis holds the gateways' sessions.
REPLICAS="${TRUSTGOV_REPLICAS:-1}"
ISSUER="http://localhost:$KEYCLOAK_PORT/realms/nhs-trust"

KEYCLOAK_VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"

# The applications that run replicated (start.sh --replicas N) behind HAProxy.
APPS=(policy-service training-service audit-service gateway-service)
SERVICES=(policy-service training-service audit-service)
# The audit log's witness runs once, on its own port and store, whatever the replicas: it stands for another party
# (a partner organisation may run it), and a checkpoint every few seconds needs no second instance.
WITNESS=witness-service

# The components to start, in order, for REPLICAS instances of each application.
set_components() {
  COMPONENTS=(keycloak mail)
  if (( REPLICAS > 1 )); then COMPONENTS+=(redis); fi
  local app k
  COMPONENTS+=("${APPS[@]}" "$WITNESS")
  for (( k=2; k<=REPLICAS; k++ )); do
    for app in "${APPS[@]}"; do COMPONENTS+=("$app-$k"); done
  done
  if (( REPLICAS > 1 )); then COMPONENTS+=(haproxy); fi
}
set_components

say()  { printf '%s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The JDK: JAVA_HOME if set, else the java on the PATH. 17 or newer.
check_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    JAVA="$(command -v java)"
  else
    fail "no Java found. Install a JDK 17 or newer (or set JAVA_HOME)."
  fi
  local version major
  version="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  major="${version%%.*}"
  if [[ -z "$major" || "$major" -lt 17 ]]; then
    fail "Java ${version:-unknown} found at $JAVA; the platform needs Java 17 or newer (set JAVA_HOME to a JDK 17+)."
  fi
  JAVA_HOME_DIR="$(cd "$(dirname "$(readlink -f "$JAVA")")/.." && pwd)"
  JAR="$JAVA_HOME_DIR/bin/jar"
  [[ -x "$JAR" ]] || fail "$JAVA_HOME_DIR is a JRE without the jar tool; a full JDK 17+ is needed."
}

# policy-service-2 -> policy-service; instance_of: 2 (1 for the first instance, which has no suffix).
app_of() { if [[ $1 =~ ^(.*-service)-([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]}"; else echo "$1"; fi; }
instance_of() { if [[ $1 =~ -([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]}"; else echo 1; fi; }
# The port callers use for an application: the application itself, or the load balancer in front of its replicas.
public_port_of() {
  case "$(app_of "$1")" in
    gateway-service) echo "$GATEWAY_PORT" ;;
    policy-service) echo "$POLICY_PORT" ;;
    training-service) echo "$TRAINING_PORT" ;;
    audit-service) echo "$AUDIT_PORT" ;;
    witness-service) echo "$WITNESS_PORT" ;;
  esac
}
# The port an application instance listens on.
app_port_of() {
  local port; port=$(public_port_of "$1")
  if (( REPLICAS > 1 )) && [[ $1 != "$WITNESS" ]]; then echo $(( port + 1000 * $(instance_of "$1") )); else echo "$port"; fi
}
# The embedded MongoDB of a service's first instance, which its other instances share in a replicated run.
mongo_port_of() { echo $(( $(public_port_of "$1") + 19000 )); }

ports_of() {
  case "$1" in
    keycloak) echo "$KEYCLOAK_PORT $KEYCLOAK_MANAGEMENT_PORT" ;;
    redis) echo "$REDIS_PORT" ;;
    mail) echo "$MAIL_SMTP_PORT $MAIL_IMAP_PORT $MAIL_WEB_PORT" ;;
    haproxy) echo "$GATEWAY_PORT $POLICY_PORT $TRAINING_PORT $AUDIT_PORT" ;;
    gateway-service*|witness-service) app_port_of "$1" ;;
    *) if (( REPLICAS > 1 )) && [[ $(instance_of "$1") == 1 ]]; then echo "$(app_port_of "$1") $(mongo_port_of "$1")"; else app_port_of "$1"; fi ;;
  esac
}
port_variable_of() {
  case "$1" in
    keycloak) if [[ $2 == "$KEYCLOAK_PORT" ]]; then echo KEYCLOAK_PORT; else echo KEYCLOAK_MANAGEMENT_PORT; fi ;;
    redis) echo REDIS_PORT ;;
    mail) if [[ $2 == "$MAIL_SMTP_PORT" ]]; then echo MAIL_SMTP_PORT; elif [[ $2 == "$MAIL_IMAP_PORT" ]]; then echo MAIL_IMAP_PORT; else echo MAIL_WEB_PORT; fi ;;
    *) local name; name=$(app_of "$1"); name=${name%-service}; echo "${name^^}_PORT" ;;
  esac
}
health_port_of() {
  case "$1" in
    keycloak) echo "$KEYCLOAK_MANAGEMENT_PORT" ;;
    mail) echo "$MAIL_WEB_PORT" ;;
    haproxy) echo "$GATEWAY_PORT" ;;
    *) app_port_of "$1" ;;
  esac
}
health_path_of() {
  case "$1" in
    keycloak) echo /health/ready ;;
    mail) echo /api/service/readiness ;;
    *) echo /actuator/health/readiness ;;
  esac
}
# Ready: Redis answers on its port; everything else answers 200 on its health path.
ready() { if [[ $1 == redis ]]; then port_open "$REDIS_PORT"; else http_ok "$(health_port_of "$1")" "$(health_path_of "$1")"; fi; }
jar_of() { echo "$ROOT/$1/target/$1-0.1.0-SNAPSHOT.jar"; }

pid_of() { [[ -f "$RUN_DIR/$1.pid" ]] && cat "$RUN_DIR/$1.pid"; }

# Running = the pid file names a live process that is really ours (pids get reused after a reboot).
running() {
  local pid
  pid="$(pid_of "$1" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  local args
  args="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || ps -o args= -p "$pid" 2>/dev/null)"
  case "$1" in
    keycloak) [[ "$args" == *keycloak* || "$args" == *kc.sh* ]] ;;
    redis) [[ "$args" == *redis-server* ]] ;;
    mail) [[ "$args" == *greenmail* ]] ;;
    haproxy) [[ "$args" == *haproxy* ]] ;;
    *) [[ "$args" == *"-Dtrustgov.component=$1 "* ]] ;;
  esac
}

port_open() { { exec 9<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null && { exec 9>&- 9<&-; return 0; }; return 1; }

# GET http://127.0.0.1:PORT/PATH answered 200, using bash's /dev/tcp (no curl needed).
http_ok() {
  local status=""
  { exec 8<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&8
  IFS= read -r -t 5 status <&8 || true
  exec 8>&- 8<&-
  [[ "$status" == HTTP/1.?" 200"* ]]
}

# Starts a command in its own session/process group, logging to LOG_DIR, and records its pid.
launch() {
  local name=$1; shift
  : > "$LOG_DIR/$name.log"
  setsid "$@" >> "$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/$name.pid"
  say "  started $name (pid $!, log $LOG_DIR/$name.log)"
}
