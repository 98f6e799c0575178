#!/usr/bin/env bash
# Watchdog's benchmark (`make bench`), run by hand, never by CI. Builds the release server and
# the pre-compressed browser bundle, then prints, on a tracker of 100,000 generated issues:
#   - for SQLite and for PostgreSQL (a throwaway local cluster), each page below under wrk
#     (one thread, 8 connections, after a warm-up), signed in as the demo member, with and
#     without `Accept-Encoding: br, gzip`, with the bytes of each answer, and the server's
#     memory at start and after the load (bench/backend.sh);
#   - one static file served by nginx, if nginx is installed: the physical limit for sending
#     those bytes here;
#   - sign-in latency (argon2id at its production parameters);
#   - a 20 MB attachment uploaded and downloaded, with the server's peak memory around each;
#   - the browser bundle's sizes, raw and as served (brotli and gzip).
# Every address is 127.0.0.1; every load is bounded in time.
#
#   bench/run.sh                         # everything (about half an hour on two cores)
#   BENCH_SECONDS=5 bench/run.sh         # shorter load runs (default 20 s, after 5 s warm-up)
#   BENCH_BACKENDS=sqlite bench/run.sh   # one backend only
#   BENCH_ISSUES=10000 bench/run.sh      # a smaller tracker
#   BENCH_MEETINGS=500 bench/run.sh      # fewer generated meetings (default 5,000 of 8 items)
#   BENCH_COMMITMENTS=1000 bench/run.sh  # fewer generated commitments (default 100,000)
#   BENCH_NOTIFICATIONS=100 bench/run.sh # a smaller inbox for the representative (default 10,000)
#   BENCH_FRESH=1 bench/run.sh           # generate the SQLite tracker again (it is kept in
#                                        # target/bench between runs)
#
# Side by side with Redmine on the same machine, see README.md ("Speed").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

for tool in wrk curl gzip brotli; do
  if ! command -v "$tool" >/dev/null; then
    echo "==> Installing $tool"
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y "$tool"; else sudo apt-get install -y "$tool"; fi
  fi
done

echo "==> Building the release server and the pre-compressed browser bundle"
cargo leptos build --release --precompress >/dev/null 2>&1 || cargo leptos build --release --precompress

for backend in ${BENCH_BACKENDS:-sqlite postgres}; do
  case $backend in
    sqlite) bench/backend.sh sqlite ;;
    postgres) scripts/with-postgres.sh bench/backend.sh postgres ;;
  esac
done

pkg=target/site/pkg
js=$(cd "$pkg" && ls watchdog*.js | head -n 1)
if command -v nginx >/dev/null; then
  port=${BENCH_NGINX_PORT:-3198}
  dir=$(mktemp -d)
  # nginx's workers run as another user: they must be able to read the file.
  chmod 755 "$dir"
  install -m 644 "$pkg/$js" "$dir/"
  cat >"$dir/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  tcp_nodelay on;
  server { listen 127.0.0.1:$port; root $dir; }
}
CONF
  nginx -c "$dir/nginx.conf" &
  nginx_pid=$!
  trap 'kill "$nginx_pid" 2>/dev/null; rm -rf "$dir"' EXIT
  for _ in $(seq 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/$js" 2>/dev/null && break
    sleep 0.05
  done
  seconds=${BENCH_SECONDS:-20}
  wrk -t1 -c8 -d"${BENCH_WARM_UP:-5}s" "http://127.0.0.1:$port/$js" >/dev/null
  out=$(wrk -t1 -c8 -d"${seconds}s" --latency "http://127.0.0.1:$port/$js")
  echo
  echo "== The physical limit: nginx serving /pkg/$js's bytes ($(stat -c %s "$pkg/$js") B), same wrk line"
  printf '%s req/s, p50 %s, p99 %s\n' "$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")" \
    "$(awk '$1 == "50%" { print $2 }' <<<"$out")" "$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  kill "$nginx_pid"
  wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$dir"
  trap - EXIT
fi

echo
echo "== Sign-in (argon2id m=19456 KiB, t=2, p=1), one at a time, SQLite"
port=${BENCH_PORT:-3197}
base="http://127.0.0.1:$port"
data=$(mktemp -d)
WATCHDOG_LISTEN="127.0.0.1:$port" WATCHDOG_DATA_DIR="$data" WATCHDOG_LOG=error \
  WATCHDOG_SIGN_IN_ATTEMPTS_PER_MINUTE_PER_ADDRESS=10000 WATCHDOG_SITE_ROOT=target/site \
  bash -c '"$0" demo load >/dev/null && exec "$0" serve' "${CARGO_TARGET_DIR:-target}/release/watchdog" &
server=$!
until curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; do sleep 0.02; done
percentiles() {
  sort -n | awk -v label="$1" '{ t[NR] = $1 }
    END { printf "%-40s p50 %6.1f ms   p90 %6.1f ms   (n=%d)\n", label, t[int(NR * 0.5)] * 1000, t[int(NR * 0.9)] * 1000, NR }'
}
sign_in() {
  curl -s -o /dev/null -w '%{time_total}\n' -H "origin: $base" -H "accept: application/json" \
    --data-urlencode "email=$1" --data-urlencode "password=watchdog demo password" "$base/api/sign_in"
}
for _ in $(seq 40); do sign_in member@example.org; done | percentiles "right password"
for n in $(seq 40); do sign_in "nobody$n@example.org"; done | percentiles "unknown email (must match the above)"

echo
echo "== A 20 MB attachment, uploaded and downloaded (streamed in 256 KB chunks), SQLite"
peak() { awk '/^VmHWM/ { printf "%.1f MB", $2 / 1024 }' "/proc/$server/status"; }
jar="$data/chair.cookies"
curl -s -o /dev/null -c "$jar" -H "origin: $base" -H "accept: application/json" \
  --data-urlencode "email=chair@example.org" --data-urlencode "password=watchdog demo password" \
  "$base/api/sign_in"
{ printf '%%PDF-1.7\n'; head -c $((20 * 1024 * 1024 - 9)) /dev/urandom; } >"$data/big.pdf"
echo "server's peak memory before: $(peak)"
upload=$(curl -s -o /dev/null -D "$data/headers" -b "$jar" -H "origin: $base" -w '%{http_code} %{time_total}' \
  -F item= -F "file=@$data/big.pdf;filename=Board pack.pdf" "$base/meetings/1/attachments")
read -r status seconds <<<"$upload"
echo "upload: $status in $(awk -v s="$seconds" 'BEGIN { printf "%.0f ms", s * 1000 }'); peak memory after: $(peak)"
href=$(awk 'tolower($1) == "location:" { sub(/\r$/, "", $2); print $2 }' "$data/headers")
download=$(curl -s -o "$data/back.pdf" -b "$jar" -w '%{http_code} %{time_total}' "$base$href")
read -r status seconds <<<"$download"
cmp -s "$data/big.pdf" "$data/back.pdf" && same="the same bytes" || same="DIFFERENT bytes"
echo "download: $status in $(awk -v s="$seconds" 'BEGIN { printf "%.0f ms", s * 1000 }'), $same; peak memory after: $(peak)"
kill "$server"
wait "$server" 2>/dev/null || true
rm -rf "$data"

echo
echo "== Browser bundle (release), as served"
printf '%-36s %10s %10s %10s\n' "file" "raw" "gzip" "brotli"
for file in "$pkg"/watchdog*.wasm "$pkg"/watchdog*.js "$pkg"/watchdog*.css; do
  printf '%-36s %9sB %9sB %9sB\n' "$(basename "$file")" "$(stat -c %s "$file")" \
    "$(stat -c %s "$file.gz")" "$(stat -c %s "$file.br")"
done
