#!/usr/bin/env bash
# Watchdog's benchmark, run by hand (not by CI): builds the release server and browser bundle,
# then prints cold start to the first 200 on /healthz, idle memory, throughput and latency of
# each page below under wrk (127.0.0.1 only, bounded in time), sign-in latency (argon2id at
# its production parameters), the wasm bundle's size, and the issue tracker's list, search,
# issue pages and CSV export on a generated tracker of 100,000 issues.
#
#   bench/run.sh                 # all figures
#   BENCH_SECONDS=5 bench/run.sh # shorter load runs
#   BENCH_ISSUES=10000 bench/run.sh # a smaller generated tracker
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-16}
port=${BENCH_PORT:-3197}
# Pages under load: each area adds its own.
pages=("/")

for tool in wrk curl gzip brotli; do
  if ! command -v "$tool" >/dev/null; then
    echo "==> Installing $tool"
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y "$tool"; else sudo apt-get install -y "$tool"; fi
  fi
done

echo "==> Building the release server and browser bundle"
cargo leptos build --release >/dev/null 2>&1 || cargo leptos build --release
binary="${CARGO_TARGET_DIR:-target}/release/watchdog"
pkg=target/site/pkg

data_dir=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$data_dir"
}
trap cleanup EXIT

export WATCHDOG_LISTEN="127.0.0.1:$port" WATCHDOG_DATA_DIR="$data_dir" \
  WATCHDOG_SITE_ROOT=target/site WATCHDOG_LOG=error \
  WATCHDOG_SIGN_IN_ATTEMPTS_PER_MINUTE_PER_ADDRESS=10000
bench_password="violet kettle harbour"

now_ms() { date +%s%3N; }
echo
echo "== Start-up (fresh database)"
echo "$bench_password" | "$binary" admin create --email bench@example.org --name Bench >/dev/null
start=$(now_ms)
"$binary" serve &
server_pid=$!
until curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "server exited" >&2; exit 1; fi
  sleep 0.005
done
echo "cold start to first 200 on /healthz: $(($(now_ms) - start)) ms"
sleep 1
echo "idle RSS: $(awk '/^VmRSS/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$server_pid/status")"

echo
echo "== Load: wrk, ${seconds}s, 2 threads, $connections connections, 127.0.0.1 only"
printf '%-40s %12s %10s %10s\n' "page" "requests/s" "p50" "p99"
for page in "${pages[@]}"; do
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port$page")
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
  printf '%-40s %12s %10s %10s%s\n' "$page" "$rps" "$p50" "$p99" "${errors:+  (non-2xx: $errors)}"
done
echo "RSS after load: $(awk '/^VmRSS/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$server_pid/status")"

echo
echo "== Sign-in (argon2id m=19456 KiB, t=2, p=1), one at a time"
# p50 and p90 of N timings read from standard input, in milliseconds.
percentiles() {
  sort -n | awk -v label="$1" '{ t[NR] = $1 }
    END { printf "%-40s p50 %6.1f ms   p90 %6.1f ms   (n=%d)\n", label, t[int(NR * 0.5)] * 1000, t[int(NR * 0.9)] * 1000, NR }'
}
sign_in() {
  curl -s -o /dev/null -w '%{time_total}\n' -H "origin: http://127.0.0.1:$port" \
    --data-urlencode "email=$1" --data-urlencode "password=$bench_password" \
    "http://127.0.0.1:$port/api/sign_in"
}
for _ in $(seq 40); do sign_in bench@example.org; done | percentiles "right password"
for n in $(seq 40); do sign_in "nobody$n@example.org"; done | percentiles "unknown email (must match the above)"

echo
echo "== Browser bundle (release)"
printf '%-24s %10s %10s %10s\n' "file" "raw" "gzip -9" "brotli"
for file in "$pkg/watchdog.wasm" "$pkg/watchdog.js" "$pkg/watchdog.css"; do
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  awk -v f="$(basename "$file")" -v r="$raw" -v g="$gz" -v b="$br" \
    'BEGIN { printf "%-24s %9.1fK %9.1fK %9.1fK\n", f, r / 1024, g / 1024, b / 1024 }'
done

echo
echo "== Issue tracker at ${BENCH_ISSUES:-100000} issues (cargo bench -p watchdog --bench issues)"
# Generates the database, serves it from the same process and loads it over HTTP; see
# server/benches/issues.rs. BENCH_ISSUES changes the size.
WATCHDOG_BENCH_ISSUES="${BENCH_ISSUES:-100000}" cargo bench -q -p watchdog --bench issues
