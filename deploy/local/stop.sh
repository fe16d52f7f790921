#!/usr/bin/env bash
# Stops what deploy/local/start.sh started (and only that): each process group recorded in the pid files.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/local/common.sh
source "$ROOT/deploy/local/common.sh"

# As many instances as the last start.sh started.
if [[ -f "$RUN_DIR/replicas" ]]; then REPLICAS=$(cat "$RUN_DIR/replicas"); set_components; fi

stopped=0
# The load balancer and gateways first, Keycloak last: the reverse of the start order (a service's first instance,
# which serves its replicas' store, after them).
for (( i=${#COMPONENTS[@]}-1; i>=0; i-- )); do
  component=${COMPONENTS[$i]}
  if ! running "$component"; then
    rm -f "$RUN_DIR/$component.pid"
    continue
  fi
  pid=$(pid_of "$component")
  printf 'stopping %-18s (pid %s) ' "$component" "$pid"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    printf '.'; sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    printf ' killed\n'
  else
    printf ' stopped\n'
  fi
  rm -f "$RUN_DIR/$component.pid"
  stopped=$((stopped + 1))
done
if [[ $stopped -eq 0 ]]; then say "nothing was running"; fi
