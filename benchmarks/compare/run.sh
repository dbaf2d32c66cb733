#!/usr/bin/env bash
# The comparison in one go, on ONE throwaway PostgreSQL cluster with durable settings (fsync,
# synchronous_commit and full_page_writes on; see durable-postgres.sh):
#   drain    N no-op jobs, queued before the worker starts, until the table is empty:
#            Jobs Batched and SchemaFunctions at concurrency 8 and 32; graphile-worker with its
#            perfTest preset and with its defaults at concurrency 8 and 24; the reference app_jobs
#            worker (@constructive-io/job-worker), 4 Workers in one process; plain-SQL ceilings
#            (pgbench: lock 100 + update + delete per transaction, 4 clients; get_job + complete_job,
#            8 clients).
#   enqueue  Jobs EnqueueMany (one call, keyless and keyed) and one at a time; graphile-worker
#            addJobs (one call); ceiling: INSERT … SELECT of 10,000 rows per statement.
#   latency  Jobs, both strategies: enqueue-to-start of 200 jobs, one at a time, idle worker.
# Every measurement gets a fresh database and starts right after a CHECKPOINT. Each pass runs
# them all; even passes run them in reverse order, so warm-up and autovacuum drift do not always
# favour the same rows. The report shows per row the median over passes (with 2 passes, their
# mean) and the min–max, plus ratios to the ceilings and to graphile-worker's perfTest preset.
#
# Usage: benchmarks/compare/run.sh [--jobs N] [--passes P]     N = 10000, P = 2 (env JOBS, PASSES)
#        benchmarks/compare/run.sh --sustained [--jobs N]      1,000,000 jobs drained by one Jobs
#            worker (Batched, concurrency 32): median per-second rate, lowest 10-second window,
#            dead rows and autovacuum counts; takes minutes.
# Writes benchmarks/compare/results/latest.md (and latest.jsonl, every runner's JSON lines) or
# results/sustained.md, and prints it; results/ is not committed (figures belong to a machine).
# Needs Node.js with npm, the .NET SDK, the PostgreSQL server binaries and pgbench.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jobs=${JOBS:-}
passes=${PASSES:-2}
sustained=
while [ $# -gt 0 ]; do
  case $1 in
    --jobs) jobs=$2; shift 2 ;;
    --passes) passes=$2; shift 2 ;;
    --sustained) sustained=1; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
bench=("dotnet" "$root/benchmarks/Jobs.Bench/bin/Release/net10.0/Jobs.Bench.dll")
cli=("dotnet" "$root/src/Jobs.Cli/bin/Release/net10.0/Jobs.Cli.dll")
results=$here/results

# Outside the cluster: build once, then run this script again inside a durable cluster.
if [ -z "${JOBS_COMPARE_CLUSTER:-}" ]; then
  (cd "$here" && npm ci --silent --no-audit --no-fund)
  dotnet build "$root/benchmarks/Jobs.Bench" -c Release -nologo -v q >/dev/null
  dotnet build "$root/src/Jobs.Cli" -c Release -nologo -v q >/dev/null
  mkdir -p "$results"
  args=(--passes "$passes")
  [ -n "$jobs" ] && args+=(--jobs "$jobs")
  [ -n "$sustained" ] && args+=(--sustained)
  JOBS_COMPARE_CLUSTER=1 exec "$here/durable-postgres.sh" "$0" "${args[@]}"
fi

if [ -n "$sustained" ]; then
  psql -X "$JOBS_DATABASE_URL" -qc CHECKPOINT
  "${bench[@]}" --mode sustained --strategy Batched --concurrency 32 --jobs "${jobs:-1000000}" | tee "$results/sustained.md"
  echo "(saved to $results/sustained.md)"
  exit 0
fi

jobs=${jobs:-10000}
base=${JOBS_DATABASE_URL%/*}
raw=$results/latest.jsonl
: > "$raw"

# fresh_db NAME: drops and creates database NAME, then checkpoints so every measurement starts
# alike (a checkpoint during a run would charge its full-page writes to whichever row it hit).
fresh_db() {
  psql -X "$JOBS_DATABASE_URL" -qc "SET client_min_messages = warning" -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
    -qc "CREATE DATABASE $1" -qc CHECKPOINT
  echo "$base/$1"
}
checkpoint() { psql -X "$JOBS_DATABASE_URL" -qc CHECKPOINT; }
migrated_db() {
  local url
  url=$(fresh_db "$1")
  "${cli[@]}" migrate --connection "$url" >/dev/null
  echo "$url"
}
# record PASS: keeps the JSON lines of a runner's output, tagged with the pass, and echoes them.
record() {
  grep '^{' | sed "s/^{/{\"pass\":$1,/" | tee -a "$raw"
}
prefill() { # prefill URL ROWS: no-op jobs, as the Jobs client would queue them
  psql -X "$1" -qc "INSERT INTO app_jobs.jobs (database_id, task_identifier, payload, queue_name, run_at, max_attempts, priority)
    SELECT '00000000-0000-0000-0000-00000000c0de', 'noop', '{\"to\":\"ada@example.com\",\"subject\":\"hello\"}', NULL, now(), 25, 0
    FROM generate_series(1, $2)" -qc CHECKPOINT
}
count_jobs() { psql -X "$1" -Atc "SELECT count(*) FROM app_jobs.jobs"; }
# ceiling SYSTEM REF METRIC URL SCRIPT CLIENTS TRANSACTIONS ROWS_PER_TRANSACTION|deleted: runs
# pgbench and prints a JSON line; jobs/s = pgbench's tps (without connection time) × jobs per
# transaction, where jobs per transaction is either fixed or the rows actually deleted.
ceiling() {
  local system=$1 ref=$2 metric=$3 url=$4 script=$5 clients=$6 transactions=$7 per=$8 before out tps taken
  before=$(count_jobs "$url")
  out=$(pgbench -n -M prepared -c "$clients" -j 2 -t "$transactions" -f "$here/ceilings/$script" "$url" 2>&1) \
    || { echo "$out" >&2; return 1; }
  tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' <<<"$out")
  if [ "$per" = deleted ]; then taken=$((before - $(count_jobs "$url"))); else taken=$((per * clients * transactions)); fi
  node -e '
    const [system, ref, metric, tps, jobs, transactions] = process.argv.slice(1);
    const rate = Number(tps) * Number(jobs) / Number(transactions);
    console.log(JSON.stringify({ system, metric, jobs: Number(jobs), seconds: +(Number(jobs) / rate).toFixed(3), jobsPerSecond: Math.round(rate), ref }));
  ' "$system" "$ref" "$metric" "$tps" "$taken" "$((clients * transactions))"
}

# The measurements, one function each.
m_graphile_perftest() { node "$here/graphile-worker.js" "$(fresh_db graphile)" "$jobs" perftest; }
m_graphile_c8() { node "$here/graphile-worker.js" "$(fresh_db graphile)" "$jobs" defaults 8; }
m_graphile_c24() { node "$here/graphile-worker.js" "$(fresh_db graphile)" "$jobs" defaults 24; }
# pgpm.json here stands in for the defaults @pgpmjs/types 2.53 (the version served) no longer exports.
# --no-deprecation: the reference Worker sends get_job while its LISTEN is still running, and pg warns.
m_reference() { (cd "$here" && node --no-deprecation reference-worker.js "$(migrated_db reference)" "$jobs" 4); }
# Every Jobs row comes from the jobs tool itself (`jobs bench`, one run per pass: enqueue, drains of
# both strategies at concurrency 8 and 32, latency), in a fresh database, warmed up first as a
# service that has run a while would be; from-jobs-bench.js names its rows as this report does.
m_jobs() {
  "${cli[@]}" bench --connection "$(fresh_db jobs)" --json --runs 1 --jobs "$jobs" --concurrency 8,32 --probes 200 \
    | node "$here/from-jobs-bench.js"
}
m_ceiling_batch() {
  local url transactions=$(((jobs + 399) / 400))
  url=$(migrated_db ceiling)
  prefill "$url" $((transactions * 400 + 1000)) # more than the run can take: no transaction finds the table empty
  ceiling "ceiling: lock 100 SKIP LOCKED + update + delete, 1 txn, 4 clients" ceiling-batch drain "$url" lock-update-delete.sql 4 "$transactions" deleted
}
m_ceiling_functions() {
  local url transactions=$(((jobs + 7) / 8))
  url=$(migrated_db ceiling)
  prefill "$url" $((transactions * 8 + 1000))
  ceiling "ceiling: get_job() + complete_job(), 8 clients" ceiling-functions drain "$url" get-job-complete-job.sql 8 "$transactions" deleted
}
m_ceiling_insert() {
  local transactions=$(((jobs + 9999) / 10000))
  [ "$transactions" -ge 3 ] || transactions=3
  ceiling "ceiling: INSERT … SELECT, 10,000 rows per statement" ceiling-insert enqueue "$(migrated_db ceiling)" insert-select.sql 1 "$transactions" 10000
}
measurements=(m_jobs
  m_graphile_perftest m_graphile_c8 m_graphile_c24 m_reference m_ceiling_batch m_ceiling_functions m_ceiling_insert)

# What a commit costs here decides every figure, so it heads the report: the settings, and the
# rate of one client committing one transaction after another.
commits=$(pgbench -n -M prepared -c 1 -T 5 -f "$here/ceilings/commit.sql" "$(fresh_db settings)" 2>&1 | sed -n 's/^tps = \([0-9.]*\) .*/\1/p')
psql -X "$JOBS_DATABASE_URL" -qAt -c "
  SELECT json_build_object('metric', 'settings', 'server_version', current_setting('server_version'),
    'fsync', current_setting('fsync'), 'synchronous_commit', current_setting('synchronous_commit'),
    'full_page_writes', current_setting('full_page_writes'), 'wal_sync_method', current_setting('wal_sync_method'),
    'shared_buffers', current_setting('shared_buffers'), 'max_connections', current_setting('max_connections'),
    'oneClientCommitsPerSecond', round($commits), 'cores', $(nproc),
    'cpu', '$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1 | tr -d "'")',
    'jobs', $jobs, 'passes', $passes, 'date', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI \"UTC\"'))" | record 0

for pass in $(seq 1 "$passes"); do
  order=("${measurements[@]}")
  if [ $((pass % 2)) -eq 0 ]; then
    order=()
    for ((i = ${#measurements[@]} - 1; i >= 0; i--)); do order+=("${measurements[i]}"); done
  fi
  for m in "${order[@]}"; do
    echo "== pass $pass/$passes: ${m#m_}" >&2
    "$m" | record "$pass"
  done
done

node "$here/report.js" "$raw" > "$results/latest.md"
echo
cat "$results/latest.md"
echo "(saved to $results/latest.md; raw lines in $raw)"
