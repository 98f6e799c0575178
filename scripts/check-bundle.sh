#!/usr/bin/env bash
# Fails when the release browser bundle passes its budget: 100 KB of brotli for the whole app
# (the wasm module and its JavaScript glue, as served). A measurement of the built files, not
# a timing, so it cannot flake. Run after `cargo leptos build --release --precompress`.
set -euo pipefail
cd "$(dirname "$0")/.."

budget=$((100 * 1024))
pkg=target/site/pkg
shopt -s nullglob
files=("$pkg"/watchdog*.wasm "$pkg"/watchdog*.js)
if [ ${#files[@]} -ne 2 ]; then
  echo "bundle check: expected one wasm and one js file in $pkg, found ${#files[@]}" >&2
  exit 1
fi
total=0
for file in "${files[@]}"; do
  if [ ! -f "$file.br" ]; then
    echo "bundle check: $file.br is missing (build with --release --precompress)" >&2
    exit 1
  fi
  raw=$(stat -c %s "$file")
  br=$(stat -c %s "$file.br")
  gz=$(stat -c %s "$file.gz")
  printf 'bundle: %-40s %8d B raw %8d B gzip %8d B brotli\n' "$(basename "$file")" "$raw" "$gz" "$br"
  total=$((total + br))
done
printf 'bundle: %d B of the %d B brotli budget (%d%%)\n' "$total" "$budget" $((total * 100 / budget))
if [ "$total" -gt "$budget" ]; then
  echo "bundle check: the browser bundle is over its budget" >&2
  exit 1
fi
