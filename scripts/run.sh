#!/usr/bin/env bash
# The run command: installs what is missing, builds the release server and browser bundle,
# loads the demo data into an empty database, and serves Watchdog at http://127.0.0.1:3000
# on a SQLite file in ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

. scripts/env.sh
printf '\n==> Building the release server and browser bundle\n'
cargo leptos build --release --precompress

binary="${CARGO_TARGET_DIR:-target}/release/watchdog"
export WATCHDOG_SITE_ROOT="${WATCHDOG_SITE_ROOT:-target/site}"
# Demo accounts and records, only ever into an empty database.
"$binary" demo load
printf '\n==> Serving Watchdog at http://%s (Ctrl-C stops it)\n' "${WATCHDOG_LISTEN:-127.0.0.1:3000}"
exec "$binary" serve
