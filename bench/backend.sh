#!/usr/bin/env bash
# One backend's part of the benchmark (bench/run.sh calls it; see there): generates the tracker
# if needed, starts the release server on it, loads each page with wrk, and prints the figures.
#   bench/backend.sh sqlite
#   scripts/with-postgres.sh bench/backend.sh postgres
set -euo pipefail
cd "$(dirname "$0")/.."

backend=$1
seconds=${BENCH_SECONDS:-20}
warm_up=${BENCH_WARM_UP:-5}
issues=${BENCH_ISSUES:-100000}
meetings=${BENCH_MEETINGS:-5000}
commitments=${BENCH_COMMITMENTS:-100000}
notifications=${BENCH_NOTIFICATIONS:-10000}
port=${BENCH_PORT:-3197}
base="http://127.0.0.1:$port"
binary="${CARGO_TARGET_DIR:-target}/release/watchdog"
pkg=target/site/pkg
# The server's own chase pass would write to the kept database mid-measurement: the pass is
# timed on its own below instead.
export WATCHDOG_LISTEN="127.0.0.1:$port" WATCHDOG_SITE_ROOT=target/site WATCHDOG_LOG=error \
  WATCHDOG_SIGN_IN_ATTEMPTS_PER_MINUTE_PER_ADDRESS=10000 WATCHDOG_CHASE_ENGINE=false

generate() {
  echo "==> Generating $issues issues, $meetings meetings of 8 items and $commitments commitments on $1"
  local started
  started=$(date +%s)
  "$binary" demo generate --issues "$issues" --meetings "$meetings" --commitments "$commitments" \
    --notifications "$notifications"
  echo "generated in $(($(date +%s) - started)) s"
}

case $backend in
  sqlite)
    # Kept between runs: generating it takes minutes.
    export WATCHDOG_DATA_DIR="target/bench/sqlite-$issues-$meetings-$commitments-$notifications"
    if [ "${BENCH_FRESH:-0}" = 1 ] || [ ! -f "$WATCHDOG_DATA_DIR/watchdog.db" ]; then
      rm -rf "$WATCHDOG_DATA_DIR"
      mkdir -p "$WATCHDOG_DATA_DIR"
      generate SQLite
    fi
    label=SQLite
    ;;
  postgres)
    : "${WATCHDOG_TEST_POSTGRES_URL:?run this through scripts/with-postgres.sh}"
    psql "$WATCHDOG_TEST_POSTGRES_URL" -qc "CREATE DATABASE watchdog_bench"
    export WATCHDOG_DATABASE_URL="${WATCHDOG_TEST_POSTGRES_URL%/*}/watchdog_bench"
    generate PostgreSQL
    psql "$WATCHDOG_DATABASE_URL" -qc "VACUUM ANALYZE"
    label="PostgreSQL (a throwaway local cluster, fsync off)"
    ;;
  *)
    echo "usage: $0 sqlite|postgres" >&2
    exit 2
    ;;
esac

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT

rss() { awk '/^VmRSS/ { printf "%.1f MB", $2 / 1024 }' "/proc/$server_pid/status"; }

# One wrk run after a warm-up: requests/s, p50, p99, and any answers that were not 2xx.
load() {
  local url=$1
  shift
  wrk -t1 -c8 -d"${warm_up}s" "$@" "$url" >/dev/null
  local out rps p50 p99 errors
  out=$(wrk -t1 -c8 -d"${seconds}s" --latency "$@" "$url")
  rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
  printf '%10s %10s %10s%s' "$rps" "$p50" "$p99" "${errors:+  (non-2xx: $errors)}"
}

bytes() { curl -s -o /dev/null -w '%{size_download}' "$@"; }

# A page loaded plainly, then accepting brotli or gzip.
row() {
  local name=$1 path=$2
  printf '%-36s %s %9s B\n' "$name" "$(load "$base$path" -H "Cookie: $cookie")" \
    "$(bytes -H "Cookie: $cookie" "$base$path")"
  printf '%-36s %s %9s B\n' "  accepting br, gzip" \
    "$(load "$base$path" -H "Cookie: $cookie" -H 'Accept-Encoding: br, gzip')" \
    "$(bytes -H "Cookie: $cookie" -H 'Accept-Encoding: br, gzip' "$base$path")"
}

echo
echo "== $label, $issues issues: wrk -t1 -c8 -d${seconds}s --latency after ${warm_up}s, signed in as a member"
started=$(date +%s%3N)
"$binary" serve &
server_pid=$!
until curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; do
  kill -0 "$server_pid" 2>/dev/null || { echo "the server exited" >&2; exit 1; }
  sleep 0.01
done
echo "start to the first 200 on /healthz: $(($(date +%s%3N) - started)) ms; RSS at start: $(rss)"

# The session cookie of a demo account, signed in.
session_of() {
  curl -s -o /dev/null -D - -H "origin: $base" -H "accept: application/json" \
    --data-urlencode "email=$1" \
    --data-urlencode "password=watchdog demo password" "$base/api/sign_in" |
    awk 'tolower($1) == "set-cookie:" { sub(/;.*/, "", $2); print $2; exit }'
}
cookie=$(session_of member@example.org)
[ -n "$cookie" ] || { echo "could not sign in as the demo member" >&2; exit 1; }

js=$(cd "$pkg" && ls watchdog*.js | head -n 1)
printf '%-36s %10s %10s %10s %11s\n' "page" "req/s" "p50" "p99" "size"
row "issue list, default view" "/issues"
row "list, rare text" "/issues?q=pathology+inbox+crashes"
row "list, common text" "/issues?q=crashes"
row "issue page" "/issues/$((issues / 2))"
row "meetings list" "/meetings"
row "meeting page (8 items)" "/meetings/$((meetings / 2))"
row "commitments list, default view" "/commitments"
row "commitments, overdue" "/commitments?rating=overdue"
row "commitments, by slips, page 2" "/commitments?sort=slips&after=$((commitments / 3))"
row "commitments, one module" "/commitments?module=1"
row "commitments, slipped and vague" "/commitments?slipped=1&vague=1"
# The demo's meetings come first: the third heard some of its promises.
row "commitments, promised at a meeting" "/commitments?meeting=3"
row "commitment page" "/commitments/$((commitments / 2))"
row "roadmap by quarter" "/commitments/roadmap"
row "roadmap, one supplier" "/commitments/roadmap?supplier=1"
row "scorecards, every supplier" "/commitments/scorecard"
row "scorecard, one supplier by quarter" "/commitments/scorecard?supplier=1&by=quarter"
row "since the last meeting" "/commitments/since"
row "releases" "/releases"
# The committee's own form, signed in as the chair.
member_cookie=$cookie
cookie=$(session_of chair@example.org)
[ -n "$cookie" ] || { echo "could not sign in as the demo chair" >&2; exit 1; }
row "commitment details form (chair)" "/commitments/$((commitments / 2))/edit"
cookie=$(session_of supplier@example.org)
[ -n "$cookie" ] || { echo "could not sign in as the demo representative" >&2; exit 1; }
row "inbox ($notifications notifications)" "/inbox"
row "inbox, unread only" "/inbox?show=unread"
row "inbox, an older page" "/inbox?before=$((notifications / 2))"
cookie=$(session_of admin@example.org)
[ -n "$cookie" ] || { echo "could not sign in as the demo administrator" >&2; exit 1; }
row "email outbox (administrator)" "/admin/outbox"
cookie=$member_cookie
row "a static file, /pkg/$js" "/pkg/$js"
echo "RSS after the load: $(rss)"

started=$(date +%s%3N)
size=$(bytes -H "Cookie: $cookie" "$base/issues.csv")
echo "CSV export of the open issues: $((size / 1000)) KB in $(($(date +%s%3N) - started)) ms"

# One chase engine pass over every commitment, rehearsed (--dry-run reads and works out every
# step but records none, so the kept database stays as generated).
started=$(date +%s%3N)
pass=$("$binary" chase run --dry-run | tail -n 1)
echo "chase engine pass, dry run: $(($(date +%s%3N) - started)) ms ($pass)"

# And one pass that records, notifies and queues emails, on a copy of the SQLite database (the
# kept one stays as generated), taken once the server has stopped.
if [ "$backend" = sqlite ]; then
  stop_server
  copy=$(mktemp -d)
  cp "$WATCHDOG_DATA_DIR"/watchdog.db* "$copy"/
  started=$(date +%s%3N)
  pass=$(WATCHDOG_DATA_DIR=$copy "$binary" chase run | tail -n 1)
  echo "chase engine pass, recording: $(($(date +%s%3N) - started)) ms ($pass)"
  rm -rf "$copy"
fi
