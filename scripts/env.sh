# Sourced by every script: where the tools are, and the build environment all cargo
# invocations share.

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/end2end/node_modules/.bin:$PATH"

# cargo-leptos sets this while it builds; Leptos reads it at compile time (it names the wasm
# file the hydration script loads). Setting it for every cargo command keeps `cargo test`,
# clippy and `cargo leptos build` on one build cache instead of rebuilding Leptos in turn.
export LEPTOS_OUTPUT_NAME=watchdog
