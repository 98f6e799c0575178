#!/usr/bin/env bash
# Runs a command with WATCHDOG_TEST_POSTGRES_URL pointing at a throwaway PostgreSQL server:
# installed from Debian's packages if absent, started on 127.0.0.1 in a temporary folder,
# stopped and removed when the command ends, whatever its outcome.
set -euo pipefail
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  printf '==> Installing PostgreSQL\n'
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# initdb refuses to run as root: run the server as the postgres user in a folder it owns.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
dir=$(mktemp -d)
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_pg "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust >/dev/null
# A throwaway cluster: durability settings off for speed.
as_pg "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
printf '==> PostgreSQL on 127.0.0.1:%s\n' "$port"

WATCHDOG_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres" "$@"
