#!/usr/bin/env bash
# One run, one PostgreSQL, three workers draining the same number of no-op jobs:
# Jobs (this repository, both fetch strategies), the reference app_jobs worker, graphile-worker.
# Usage: benchmarks/compare/run.sh [jobs]   (needs Node.js with npm and the PostgreSQL binaries)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jobs=${1:-10000}
(cd "$here" && npm install --silent --no-audit --no-fund >/dev/null)
"$root/.ci/with-postgres" bash -c '
  set -euo pipefail
  here=$1; root=$2; jobs=$3
  base=${JOBS_DATABASE_URL%/*}
  psql "$JOBS_DATABASE_URL" -qc "CREATE DATABASE reference" -qc "CREATE DATABASE graphile"
  JOBS_DATABASE_URL="$base/reference" dotnet run --project "$root/src/Jobs.Cli" -c Release -- migrate >/dev/null
  echo "== Jobs (benchmarks/Jobs.Bench)"
  dotnet run -c Release --project "$root/benchmarks/Jobs.Bench" -- --jobs "$jobs" --concurrency 8 | grep -E "drain|latency|enqueue many, one"
  echo "== reference worker and graphile-worker"
  # pgpm.json here stands in for the defaults @pgpmjs/types 2.53 (the version served) no longer exports.
  cd "$here"
  node reference-worker.js "$base/reference" "$jobs"
  node graphile-worker.js "$base/graphile" "$jobs" 8
' _ "$here" "$root" "$jobs"
