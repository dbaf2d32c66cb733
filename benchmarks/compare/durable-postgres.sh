#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster with PostgreSQL's default, durable
# settings (fsync=on, synchronous_commit=on, full_page_writes=on: a commit is acknowledged only
# once its WAL is on disk), then stops and deletes the cluster.
#
# Usage: benchmarks/compare/durable-postgres.sh <command> [args...]
#
# Exports JOBS_DATABASE_URL (postgres://postgres@127.0.0.1:<port>/postgres, trust auth) for the
# command and prints the settings that decide commit cost before running it. Only two settings
# differ from initdb's defaults: max_connections=200 (the runners open many connections) and
# shared_buffers=256MB. The data directory is under $TMPDIR (default /tmp); it must be a real
# disk, not tmpfs, or fsync costs nothing: the script refuses tmpfs.
# (.ci/with-postgres is the fast, fsync=off variant CI uses for tests.)
set -euo pipefail
[ $# -gt 0 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)")
[ -x "$bin/initdb" ] || bin=$(dirname "$(command -v initdb)")
dir=$(mktemp -d "${TMPDIR:-/tmp}/jobs-durable-pg.XXXXXX")
if [ "$(stat -f -c %T "$dir")" = tmpfs ]; then
  rmdir "$dir"
  echo "durable-postgres.sh: ${TMPDIR:-/tmp} is tmpfs (memory); set TMPDIR to a folder on disk" >&2
  exit 2
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55441)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; as_pg=(runuser -u postgres --); fi
cleanup() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM # run the EXIT trap on Ctrl+C too
cd "$dir" # the postgres user may not be able to enter the caller's directory
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=200 -c shared_buffers=256MB" \
  start >/dev/null
export JOBS_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
cd "$OLDPWD"
psql "$JOBS_DATABASE_URL" -XAtq -F ' ' -c "
  SELECT 'PostgreSQL ' || current_setting('server_version') || ' (durable throwaway cluster in $dir):',
         string_agg(name || '=' || current_setting(name), ', ' ORDER BY ord)
  FROM unnest(ARRAY['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_connections'])
       WITH ORDINALITY AS s(name, ord)"
"$@"
