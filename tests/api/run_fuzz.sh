#!/usr/bin/env bash
# API fuzzing (issue 3, item 2; issue 15): schemathesis against /api/v1/schema/ as every demo user
# of the README. Check: no 5xx and every response matches the OpenAPI schema.
#
# The portal runs under gunicorn (sync workers, one per lane, DJANGO_DEBUG=false, so a crash is a real 500 and
# its traceback lands in the server log) on a free loopback port, on a FRESH SQLite database in a
# temporary directory (migrate + seed_demo --size small). The script stops the server by its PID and
# removes the temporary directory on exit, and exits non-zero on any failure.
#
# Budget (environment):
#   FUZZ_MAX_EXAMPLES  examples per operation and phase  (default 25; .ci/run uses 3)
#   FUZZ_TIMEOUT       seconds per schemathesis run, hard limit via timeout(1)  (default 600)
#   FUZZ_PHASES        schemathesis phases           (default fuzzing,stateful)
#   FUZZ_CHECKS        schemathesis checks           (default not_a_server_error,response_schema_conformance)
#   FUZZ_USERS         demo users to fuzz as         (default: all ten, see USERS below)
#   FUZZ_PORT          port (default: first free port from 8201)
#   FUZZ_SEED          hypothesis seed               (default 1)
#   FUZZ_LANES         users fuzzed side by side, and server workers  (default 1; .ci/run uses 2)
#   FUZZ_KEEP          1: keep the temporary directory (database, server log, reports)
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
ST="$ROOT/.venv/bin/schemathesis"
GUNICORN="$ROOT/.venv/bin/gunicorn"

MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-25}"
TIMEOUT="${FUZZ_TIMEOUT:-600}"
PHASES="${FUZZ_PHASES:-fuzzing,stateful}"
CHECKS="${FUZZ_CHECKS:-not_a_server_error,response_schema_conformance}"
# Entrepreneurs first and the superuser last: a user's DELETE only consumes spare copies, but a
# broker's or the superuser's PUT/PATCH may still change what later users see. With lanes, the
# superuser still comes last in its lane; what a user of the other lane reads may change under it,
# which the portal must answer without a 5xx as it would for two real users.
USERS="${FUZZ_USERS:-ondernemer-1 ondernemer-2 stuurgroep partner-haarlem sroi-zkij inkoper-haarlem vastgoed-haarlem makelaar-amersfoort makelaar-haarlem admin}"
SEED="${FUZZ_SEED:-1}"
LANES="${FUZZ_LANES:-1}"

WORK="$(mktemp -d /tmp/impactportal-fuzz.XXXXXX)"
SERVER_LOG="$WORK/server.log"
server_pid=""

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "${FUZZ_KEEP:-0}" = "1" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="${FUZZ_PORT:-$("$PY" - <<'EOF'
import socket
for port in range(8201, 8300):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
EOF
)}"
[ -n "$PORT" ] || { echo "no free port in 8201-8299" >&2; exit 2; }
BASE="http://127.0.0.1:$PORT"

# A production-like process on a throw-away database. Login throttling (axes) and rate limits are
# off: the fuzzer sends many bad logins to the token endpoint and must not lock the demo users.
export DJANGO_SETTINGS_MODULE=impactportal.settings
export DATABASE_URL="sqlite:///$WORK/fuzz.sqlite3"
export DJANGO_MEDIA_ROOT="$WORK/media"
export DJANGO_DEBUG=false
export DJANGO_TESTING=true          # plain static storage: no collectstatic needed for the API
export DJANGO_SECRET_KEY="fuzz-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=false
export DJANGO_HSTS_SECONDS=0
export AXES_ENABLED=false
export RATELIMIT_ENABLE=false
export DJANGO_EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export DJANGO_LOG_LEVEL=WARNING
unset CELERY_BROKER_URL CELERY_RESULT_BACKEND CACHE_URL

echo "=== fuzz: fresh database in $WORK (migrate + seed_demo --size small)"
# A copy of the migrated template (impactportal.db.template); migrate then finds it complete.
"$PY" -m impactportal.db.template "$WORK/fuzz.sqlite3" || exit 1
"$PY" manage.py migrate --noinput -v 0 || exit 1
"$PY" manage.py seed_demo --size small >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log"; exit 1; }
# Tokens once, up front and straight from the database: the token endpoint is throttled (429 after
# a few calls per minute), which is what stopped earlier runs after two users.
# shellcheck disable=SC2086
"$PY" tests/api/fuzz_config.py --tokens $USERS >"$WORK/tokens" || { echo "could not create tokens" >&2; exit 1; }

echo "=== fuzz: gunicorn on $BASE"
"$GUNICORN" impactportal.wsgi:application --bind "127.0.0.1:$PORT" --workers "$LANES" --timeout 60 \
  --access-logfile - --error-logfile - >"$SERVER_LOG" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$BASE/api/v1/schema/" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server died"; cat "$SERVER_LOG"; exit 1; }
  sleep 0.2
done
curl -fsS -o "$WORK/schema.json" "$BASE/api/v1/schema/?format=json" || { echo "schema not served"; tail -50 "$SERVER_LOG"; exit 1; }

token_for() { awk -v user="$1" '$1 == user { print $2 }' "$WORK/tokens"; }

# One user's run: its log in $WORK/fuzz-$user.log, its summary line in $WORK/result-$user
# ("ok …" or "FAILED …", the first word decides).
fuzz_user() {
  local user=$1 token config rc cases
  token="$(token_for "$user")" || true
  if [ -z "$token" ]; then echo "FAILED: no token" >"$WORK/result-$user"; return; fi
  config="$WORK/schemathesis-$user.toml"
  # Detail operations get ids of objects this user may change (see fuzz_config.py).
  if ! "$PY" tests/api/fuzz_config.py "$user" "$WORK/schema.json" "$config" >"$WORK/config-$user.log" 2>&1; then
    cat "$WORK/config-$user.log" >"$WORK/fuzz-$user.log"; echo "FAILED: no config" >"$WORK/result-$user"; return
  fi
  # Run from the temporary directory: schemathesis keeps a crash cache in ./.schemathesis. The schema
  # comes from the file fetched once above (a busy machine made loading it over HTTP time out).
  (cd "$WORK" && timeout --signal=TERM --kill-after=15 "$TIMEOUT" "$ST" --config-file "$config" run "$WORK/schema.json" \
    --url "$BASE" \
    --header "Authorization: Token $token" \
    --phases "$PHASES" \
    --checks "$CHECKS" \
    --max-examples "$MAX_EXAMPLES" \
    --seed "$SEED" \
    --workers 1 \
    --request-timeout 30 \
    --generation-database none \
    --suppress-health-check too_slow,filter_too_much \
    --report junit --report-dir "$WORK/report-$user" \
    --no-color) >"$WORK/fuzz-$user.log" 2>&1
  rc=$?
  # schemathesis' own count, the line after "Test cases:", e.g. "1234 generated, 1234 passed".
  cases="$(grep -A1 -E '^ *Test cases:' "$WORK/fuzz-$user.log" | tail -1 | sed 's/^ *//')"
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    echo "TIMEOUT after ${TIMEOUT}s (${cases:-?})" >"$WORK/result-$user"
  elif [ $rc -ne 0 ]; then
    echo "FAILED (exit $rc; ${cases:-?})" >"$WORK/result-$user"
  else
    echo "ok (${cases:-?})" >"$WORK/result-$user"
  fi
  if [ -n "${FUZZ_REPORT_DIR:-}" ]; then mkdir -p "$FUZZ_REPORT_DIR"; cp -r "$WORK/report-$user" "$FUZZ_REPORT_DIR/"; fi
}

# Lanes: the users are dealt round-robin over $LANES lanes that run side by side (the server has
# as many workers); within a lane they keep the order of USERS.
lane_pids=()
for lane in $(seq 0 $((LANES - 1))); do
  (
    i=0
    for user in $USERS; do
      if [ $((i % LANES)) -eq "$lane" ]; then
        echo "=== fuzz as $user (lane $((lane + 1))): phases=$PHASES checks=$CHECKS max-examples=$MAX_EXAMPLES seed=$SEED timeout=${TIMEOUT}s"
        fuzz_user "$user"
      fi
      i=$((i + 1))
    done
  ) &
  lane_pids+=($!)
done
for pid in "${lane_pids[@]}"; do wait "$pid"; done

status=0
summary=()
for user in $USERS; do
  echo
  echo "=== fuzz as $user"
  cat "$WORK/fuzz-$user.log" 2>/dev/null
  result="$(cat "$WORK/result-$user" 2>/dev/null || echo "FAILED: no result")"
  summary+=("$user: $result")
  [ "${result%% *}" = "ok" ] || status=1
done
# Server-side tracebacks (DEBUG is off, so they are only in the log).
if grep -q "Traceback" "$SERVER_LOG"; then
  echo "--- server tracebacks while fuzzing:"
  grep -v '"[A-Z]* /' "$SERVER_LOG" | head -200
  status=1
fi

echo
echo "=== fuzz summary"
for line in "${summary[@]}"; do echo "  $line"; done
kill -0 "$server_pid" 2>/dev/null || { echo "the server died during the run" >&2; status=1; }
exit $status
