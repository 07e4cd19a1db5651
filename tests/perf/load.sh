#!/usr/bin/env bash
# Load test (issue 3, item 6; `make load`): the portal under gunicorn (2 workers) on 127.0.0.1 with
# PostgreSQL and production settings, and a bounded locust run (headless, 60 s, 20 users, spawn
# rate 5) mixing showcase browsing, API lists with a broker's token and a broker's pages.
#
# Fresh PostgreSQL database impactportal_load_<pid> (created and dropped here), migrate +
# seed_demo (LOAD_SIZE, default small), collectstatic. Reports requests/s, p50/p95/p99 and errors;
# exits non-zero on any failed request or server traceback. Loopback only; stops by itself.
#
# Then the capacity phase: each mix alone, without think time (LOAD_CAP_USERS users, LOAD_CAP_TIME
# each), and a bare Django view (an empty view through the whole middleware stack, served only
# because DJANGO_LOAD_BARE_VIEW is set here) in the same run; each mix's req/s is printed as a
# share of the bare view's, with the CPU the gunicorn workers spent per request (/proc ticks).
# Targets (issue 8): anonymous showcase ≥ 50 %, signed-in ≥ 10 %.
#
# Environment: LOAD_PG (default postgres://postgres@127.0.0.1:5432), LOAD_PORT (8202),
# LOAD_USERS_N (20), LOAD_SPAWN (5), LOAD_TIME (60s), LOAD_SIZE (small|national),
# LOAD_WORKERS (2), LOAD_CAP_USERS (8), LOAD_CAP_TIME (20s), LOAD_REPORT_DIR (copy locust CSV/HTML there), LOAD_KEEP=1 (keep temp dir),
# LOAD_CACHE_URL (redis://127.0.0.1:6379/7, flushed at the start).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"

PG="${LOAD_PG:-postgres://postgres@127.0.0.1:5432}"
PORT="${LOAD_PORT:-8202}"
USERS_N="${LOAD_USERS_N:-20}"
SPAWN="${LOAD_SPAWN:-5}"
RUN_TIME="${LOAD_TIME:-60s}"
SIZE="${LOAD_SIZE:-small}"
WORKERS="${LOAD_WORKERS:-2}"
DB="impactportal_load_$$"
BROKER_USERS="makelaar-haarlem,makelaar-amersfoort"  # their sessions in the broker mix
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d /tmp/impactportal-load.XXXXXX)"
SERVER_LOG="$WORK/gunicorn.log"
server_pid=""

psql_admin() { psql "$PG/postgres" -v ON_ERROR_STOP=1 -q "$@"; }

cleanup() {
  set +e
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  if [ "${LOAD_KEEP:-0}" = "1" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v psql >/dev/null || { echo "psql not found (PostgreSQL client)"; exit 2; }
pg_isready -d "$PG/postgres" -q || { echo "PostgreSQL not reachable at $PG"; exit 2; }
[ -x "$ROOT/.venv/bin/locust" ] || { echo "locust missing: run 'make load' (installs the [load] extra)"; exit 2; }
if "$PY" -c "import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); sys.exit(s.connect_ex(('127.0.0.1', $PORT)) != 0)"; then
  echo "port $PORT on 127.0.0.1 is in use; set LOAD_PORT"; exit 2
fi

export DJANGO_SETTINGS_MODULE=impactportal.settings
export DATABASE_URL="$PG/$DB"
export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="load-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=false
export DJANGO_HSTS_SECONDS=0
export AXES_ENABLED=false          # many logins of the same users
export RATELIMIT_ENABLE=false
export PORTAL_2FA_REQUIRED=off      # brokers sign in with the password alone (no TOTP code)
export DJANGO_MEDIA_ROOT="$WORK/media"
export DJANGO_EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export DJANGO_LOG_LEVEL=WARNING
export DJANGO_LOAD_BARE_VIEW=true   # the capacity phase's reference view
unset CELERY_BROKER_URL CELERY_RESULT_BACKEND DJANGO_TESTING
# The cache as in production (docker-compose): Redis, shared by the workers (visitor pages,
# sessions). LOAD_CACHE_URL overrides; without a reachable Redis each worker keeps its own cache.
CACHE_URL="${LOAD_CACHE_URL:-redis://127.0.0.1:6379/7}"
if "$PY" -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).flushdb()" "$CACHE_URL" 2>/dev/null; then
  export CACHE_URL
  echo "=== load: cache $CACHE_URL (flushed)"
else
  unset CACHE_URL
  echo "=== load: no Redis at $CACHE_URL: per-process caches"
fi

echo "=== load: database $DB on $PG (migrate + seed_demo --size $SIZE + collectstatic)"
psql_admin -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"$PY" manage.py migrate --noinput -v 0
# Static files first: the demo data renders report PDFs, which read print.css from the manifest.
"$PY" manage.py collectstatic --noinput -v 0
seed_started=$(date +%s)
"$PY" manage.py seed_demo --size "$SIZE" --allow-demo-users >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log"; exit 1; }
echo "    seed_demo --size $SIZE: $(( $(date +%s) - seed_started ))s"
psql "$DATABASE_URL" -q -c "ANALYZE" >/dev/null

# The paths of the named routes in this build (missing ones are skipped by the locustfile).
"$PY" - >"$WORK/paths.json" <<'EOF'
import json

import django

django.setup()
from django.urls import NoReverseMatch, reverse

names = {
    "login": {}, "dashboard": {}, "etalage": {}, "enterprises:showcase-detail": {"pk": 0},
    "enterprises:register": {}, "brokers:team-list": {}, "helpdesk:inbox": {},
    "helpdesk:instrument-list": {}, "helpdesk-case-list": {},
}
paths = {}
for name, kwargs in names.items():
    try:
        paths[name] = reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        pass
print(json.dumps(paths))
EOF

echo "=== load: gunicorn ($WORKERS workers) on $BASE"
"$ROOT/.venv/bin/gunicorn" impactportal.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --timeout 60 --access-logfile "$WORK/access.log" --error-logfile - >"$SERVER_LOG" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$BASE/" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "gunicorn died"; cat "$SERVER_LOG"; exit 1; }
  sleep 0.2
done

token="$(curl -fsS -X POST -H 'Content-Type: application/json' \
  -d '{"username": "makelaar-haarlem", "password": "impactportal-demo"}' "$BASE/api/v1/auth/token/" |
  "$PY" -c 'import json, sys; print(json.load(sys.stdin)["token"])')"

echo "=== load: locust headless, $USERS_N users, spawn rate $SPAWN/s, $RUN_TIME"
set +e
LOAD_PATHS="$WORK/paths.json" LOAD_TOKEN="$token" LOAD_USERS="$BROKER_USERS" \
  timeout --kill-after=30 600 "$ROOT/.venv/bin/locust" -f tests/perf/locustfile.py --headless \
  --host "$BASE" --users "$USERS_N" --spawn-rate "$SPAWN" --run-time "$RUN_TIME" --stop-timeout 10 \
  --csv "$WORK/load" --html "$WORK/load.html" --only-summary --loglevel WARNING \
  Visitor ApiClient Broker >"$WORK/locust.log" 2>&1
locust_rc=$?

# Capacity: each user class alone, no think time; the bare view first.
CAP_USERS="${LOAD_CAP_USERS:-8}"
CAP_TIME="${LOAD_CAP_TIME:-20s}"
# CPU the gunicorn workers spend (user + system clock ticks from /proc), per mix: a steadier
# figure than req/s, which also moves with locust's own CPU on the same cores.
worker_ticks() {
  local total=0 worker
  for worker in $(pgrep -P "$server_pid"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$worker/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
# The capacity phase's brokers are signed in before it (one session each, through the login form):
# a sign-in checks the password with 1,000,000 PBKDF2 rounds (Django's default, about 0.3 s of CPU
# here), which 8 sign-ins in a 20 s window would mix into the signed-in pages' figures. The
# normal-day run above signs in through the form as people do.
"$PY" - "$BASE" "$CAP_USERS" "$BROKER_USERS" >"$WORK/sessions.json" <<'EOF' || locust_rc=1
import json
import re
import sys

import requests

base, count, usernames = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
sessions = []
for n in range(count):
    form = requests.get(f"{base}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    # The cookies are Secure (production settings): sent by hand over loopback http.
    signed_in = requests.post(f"{base}/accounts/login/", timeout=30, allow_redirects=False,
                              data={"username": usernames[n % len(usernames)], "password": "impactportal-demo",
                                    "csrfmiddlewaretoken": token},
                              headers={"Referer": f"{base}/accounts/login/",
                                       "Cookie": f"csrftoken={form.cookies['csrftoken']}"})
    assert signed_in.status_code == 302 and "sessionid" in signed_in.cookies, signed_in.status_code
    sessions.append(signed_in.cookies["sessionid"])
print(json.dumps(sessions))
EOF
for mix in BareView Visitor ApiClient Broker; do
  echo "=== load: capacity $mix ($CAP_USERS users, no think time, $CAP_TIME)"
  ticks_before=$(worker_ticks)
  LOAD_WAIT_MIN=0 LOAD_WAIT_MAX=0 LOAD_PATHS="$WORK/paths.json" LOAD_TOKEN="$token" LOAD_SESSIONS="$WORK/sessions.json" \
    LOAD_USERS="$BROKER_USERS" \
    timeout --kill-after=30 300 "$ROOT/.venv/bin/locust" -f tests/perf/locustfile.py --headless \
    --host "$BASE" --users "$CAP_USERS" --spawn-rate "$CAP_USERS" --run-time "$CAP_TIME" --stop-timeout 5 \
    --csv "$WORK/cap_$mix" --only-summary --loglevel WARNING "$mix" >>"$WORK/locust.log" 2>&1 || locust_rc=1
  echo $(( $(worker_ticks) - ticks_before )) >"$WORK/cap_${mix}_ticks"
done
set -e

"$PY" - "$WORK/load_stats.csv" "$WORK/load_failures.csv" "$USERS_N" "$RUN_TIME" "$WORKERS" "$SIZE" <<'EOF'
import csv
import os
import platform
import sys
from pathlib import Path

stats_file, failures_file, users, run_time, workers, size = sys.argv[1:7]
rows = list(csv.DictReader(open(stats_file)))
cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")), platform.machine())
print(f"\nMachine: {cpu}, {os.cpu_count()} cores; gunicorn {workers} sync workers + PostgreSQL + locust on the "
      f"same host; seed {size}; {users} users, {run_time}\n")
print("| request | requests | failures | req/s | p50 ms | p95 ms | p99 ms | max ms |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for row in rows:
    name = row["Name"] if row["Name"] != "Aggregated" else "**all**"
    print(f"| {name} | {row['Request Count']} | {row['Failure Count']} | {float(row['Requests/s']):.1f} | "
          f"{row['50%']} | {row['95%']} | {row['99%']} | {float(row['Max Response Time']):.0f} |")
failures = list(csv.DictReader(open(failures_file))) if Path(failures_file).exists() else []
for failure in failures:
    print(f"FAILURE {failure['Method']} {failure['Name']}: {failure['Error']} × {failure['Occurrences']}")


TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def capacity(mix):
    found = Path(stats_file).with_name(f"cap_{mix}_stats.csv")
    rows = list(csv.DictReader(open(found))) if found.exists() else []
    total = next((row for row in rows if row["Name"] == "Aggregated"), None)
    if not total:
        return None
    ticks = Path(stats_file).with_name(f"cap_{mix}_ticks")
    requests = int(total["Request Count"])
    cpu = int(ticks.read_text()) * TICK_MS / requests if ticks.exists() and requests else None
    return float(total["Requests/s"]), total["50%"], total["95%"], int(total["Failure Count"]), cpu


bare = capacity("BareView")
print("\nCapacity: each mix alone, no think time, against the bare Django view in the same run; the brokers")
print("signed in before the capacity phase (the normal-day run above signs in through the form).")
print("Two shares of the bare view: by req/s, and by the CPU the gunicorn workers spent per request (from")
print("/proc). The bare view's req/s is bounded by locust's own CPU on the same cores, so the first moves")
print("with the machine; the second compares what the portal's code costs and is the steadier one.\n")
print("| mix | req/s | p50 ms | p95 ms | failures | worker CPU ms/request | share by req/s | share by CPU | target |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
targets = {"BareView": "", "Visitor": "≥ 50 % (anonymous showcase)", "ApiClient": "≥ 10 % (signed in)",
           "Broker": "≥ 10 % (signed in)"}
for mix, target in targets.items():
    found = capacity(mix)
    if not found:
        print(f"| {mix} | — | | | | | | | {target} |")
        continue
    rps, p50, p95, failed, cpu = found
    share = f"{rps / bare[0]:.0%}" if bare and bare[0] else "—"
    by_cpu = f"{bare[4] / cpu:.0%}" if bare and bare[4] and cpu else "—"
    print(f"| {mix} | {rps:.1f} | {p50} | {p95} | {failed} | {'—' if cpu is None else f'{cpu:.1f}'} | {share} | "
          f"{by_cpu} | {target} |")
EOF

status=$locust_rc
if grep -q "Traceback" "$SERVER_LOG"; then
  echo "--- server tracebacks:"; grep -B2 -A30 "Traceback" "$SERVER_LOG" | head -120; status=1
fi
errors_5xx=$(awk '$9 ~ /^5/' "$WORK/access.log" | wc -l)
echo "server 5xx responses: $errors_5xx"
[ "$errors_5xx" -eq 0 ] || status=1
if [ "$locust_rc" -ne 0 ]; then echo "locust reported failures (exit $locust_rc):"; tail -40 "$WORK/locust.log"; fi
if [ -n "${LOAD_REPORT_DIR:-}" ]; then mkdir -p "$LOAD_REPORT_DIR"; cp "$WORK"/load*.csv "$WORK/load.html" "$LOAD_REPORT_DIR/"; fi
kill -0 "$server_pid" 2>/dev/null || { echo "gunicorn died during the run"; status=1; }
[ $status -eq 0 ] && echo "load test passed: no errors" || echo "load test FAILED"
exit $status
