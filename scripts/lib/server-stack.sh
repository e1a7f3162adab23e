# A Temporal dev server, a `targo worker --executor local` and `targo server` (Argo Server's API
# with a fresh bearer token), each on a free 127.0.0.1 port: sourced by scripts/hera-check and
# scripts/argo-cli-check. Every wait is bounded; stack_stop stops every process it started and
# shows the last lines of their logs when the script failed.
#
#   . scripts/lib/server-stack.sh; trap stack_stop EXIT; stack_start "$work"
#   → $STACK_API (http://127.0.0.1:PORT), $STACK_API_HOSTPORT, $STACK_TOKEN, $STACK_ADDRESS

stack_pids=()
stack_work=""

stack_free_port() {
  python3 -c 'import random, socket
# Below the ephemeral range (32768 and up): no outgoing connection can hold the port meanwhile.
while True:
    s = socket.socket()
    try:
        p = random.randint(20000, 32767)
        s.bind(("127.0.0.1", p))
        print(p)
        break
    except OSError:
        pass
    finally:
        s.close()'
}

stack_wait_for() { # seconds description command...: polls the command every 0.5 s
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$what: not within the time" >&2
      return 1
    fi
    sleep 0.5
  done
}

stack_start() { # work directory (logs, pods, the dev server's database)
  local root temporal port metrics api
  stack_work=$1
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  temporal=$("$root/scripts/install-temporal-cli")
  # A port found free may be taken by another process before the dev server binds it (it then
  # exits at once): up to three tries, each on fresh ports.
  local try pid
  for try in 1 2 3; do
    port=$(stack_free_port)
    STACK_ADDRESS="127.0.0.1:$port"
    "$temporal" server start-dev --ip 127.0.0.1 --port "$port" --ui-port "$(stack_free_port)" \
      --http-port "$(stack_free_port)" --metrics-port "$(stack_free_port)" \
      --db-filename "$stack_work/temporal-$try.db" --log-level error \
      >"$stack_work/temporal.log" 2>&1 &
    pid=$!
    if stack_wait_for 60 "dev server on $STACK_ADDRESS" sh -c \
      "kill -0 $pid && \"$temporal\" operator cluster health --address $STACK_ADDRESS --command-timeout 5s || { kill -0 $pid || exit 0; exit 1; }"; then
      if kill -0 "$pid" 2>/dev/null; then
        break
      fi
    fi
    # The server may be gone already (a port taken): neither may end a `set -e` caller.
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ "$try" -eq 3 ]; then
      echo "dev server on $STACK_ADDRESS: did not start (three tries)" >&2
      return 1
    fi
    echo "dev server on $STACK_ADDRESS exited: $(tail -n 1 "$stack_work/temporal.log"); trying other ports" >&2
  done
  stack_pids+=("$pid")
  metrics=$(stack_free_port)
  "$root/targo" worker --address "$STACK_ADDRESS" --executor local --metrics-port "$metrics" \
    --state-dir "$stack_work/pods" >"$stack_work/worker.log" 2>&1 &
  stack_pids+=($!)
  stack_wait_for 120 "targo worker ready" curl -fsS "http://127.0.0.1:$metrics/readyz"
  api=$(stack_free_port)
  STACK_TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  TARGO_SERVER_TOKEN=$STACK_TOKEN "$root/targo" server --address "$STACK_ADDRESS" --port "$api" \
    --state-dir "$stack_work/pods" >"$stack_work/server.log" 2>&1 &
  stack_pids+=($!)
  STACK_API_HOSTPORT="127.0.0.1:$api"
  STACK_API="http://$STACK_API_HOSTPORT"
  stack_wait_for 120 "targo server on $STACK_API" \
    curl -fsS -H "Authorization: Bearer $STACK_TOKEN" "$STACK_API/api/v1/version"
}

stack_stop() {
  local rc=${1:-$?} pid i f
  set +e
  for pid in "${stack_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || continue
    for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  if [ "$rc" -ne 0 ] && [ -n "$stack_work" ]; then
    for f in "$stack_work"/*.log; do
      [ -f "$f" ] && { echo "--- last lines of $f"; tail -n 30 "$f"; }
    done
  fi
  return "$rc"
}
