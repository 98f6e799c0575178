#!/usr/bin/env bash
# The test command: installs what is missing, then runs every check: formatting, clippy on
# the server and browser builds, unit and integration tests (SQLite), the browser bundle's
# size budget, and the browser tests (Playwright in Debian's Chromium, JavaScript on and off,
# with axe-core) against the release build, the one people run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-browser
. scripts/env.sh
step() { printf '\n==> %s\n' "$*"; }

step "Formatting"
cargo fmt --all --check

step "Clippy: server build"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Clippy: browser build"
cargo clippy -p app --no-default-features --features hydrate --target wasm32-unknown-unknown --locked -- -D warnings

step "Unit and integration tests"
# The timeout turns a hang, should one ever come back, into a quick failure.
timeout 1800 cargo test --workspace --locked

step "Building the release server and browser bundle"
cargo leptos build --release --precompress

step "Browser bundle budget"
scripts/check-bundle.sh

step "Browser tests"
data_dir=$(mktemp -d)
trap 'rm -rf "$data_dir"' EXIT
(cd end2end && WATCHDOG_E2E_DATA_DIR="$data_dir" npx playwright test)
