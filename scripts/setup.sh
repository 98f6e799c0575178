#!/usr/bin/env bash
# Installs what building and testing Watchdog needs, skipping whatever is already there:
# the wasm32 target, cargo-leptos (pinned), the wasm-bindgen CLI at exactly the version in
# Cargo.lock, the npm packages of end2end/ (Playwright, axe-core, binaryen's wasm-opt) and,
# with --with-browser (the test command), Debian's Chromium and Python's feedparser and
# icalendar. Safe to run again; quick when all is present.
set -euo pipefail
cd "$(dirname "$0")/.."

# 0.3.11 needs a newer rustc than these machines have.
CARGO_LEPTOS_VERSION=0.3.10
with_browser=0
[ "${1:-}" = "--with-browser" ] && with_browser=1

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  step "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 15 minutes on two cores, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

# cargo-leptos downloads wasm-bindgen unless the right version is on PATH, and downloads
# are not possible here; the CLI must match the crate version in Cargo.lock exactly.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wasm_bindgen_version"; then
  step "Installing wasm-bindgen-cli $wasm_bindgen_version (about 3 minutes, once)"
  # Not --locked: its lock file names a crate version the registry here lacks.
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
fi

if [ ! -f end2end/node_modules/.package-lock.json ] ||
  [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  step "Installing the npm packages of end2end/"
  (cd end2end && npm ci --no-fund --no-audit --loglevel=error)
fi

# The feeds' tests read them with the parsers feed readers and calendar apps build on; the
# email test sends to a real SMTP listener (aiosmtpd).
if [ "$with_browser" = 1 ] && ! python3 -c "import feedparser, icalendar, aiosmtpd" 2>/dev/null; then
  step "Installing Python's feedparser, icalendar and aiosmtpd (for the feeds' and email tests)"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "feedparser==6.*" "icalendar==7.*" "aiosmtpd==1.*"
fi

if [ "$with_browser" = 1 ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  step "Installing Debian's Chromium"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
