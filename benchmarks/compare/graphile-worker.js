// Drains N no-op jobs with graphile-worker (its own schema), concurrency 8. Prints one JSON line.
// Usage: node graphile-worker.js <connection string> <jobs> [concurrency]
const pg = require('pg');
const { run, runMigrations } = require('graphile-worker');

const [connectionString, count = '10000', concurrency = '8'] = process.argv.slice(2);
const jobs = Number(count);

async function main() {
  await runMigrations({ connectionString, logger: quietLogger() });
  const pool = new pg.Pool({ connectionString, max: 4 });
  await pool.query('DELETE FROM graphile_worker._private_jobs');
  await pool.query(
    `SELECT graphile_worker.add_jobs(array_agg(ROW('noop', '{"n":1}'::json, NULL, NULL, NULL, NULL, NULL, NULL)::graphile_worker.job_spec))
       FROM generate_series(1, $1)`,
    [jobs]);
  const started = process.hrtime.bigint();
  const runner = await run({
    connectionString,
    concurrency: Number(concurrency),
    noHandleSignals: true,
    pollInterval: 1000,
    taskList: { noop: async () => {} },
    logger: quietLogger(),
  });
  for (;;) {
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM graphile_worker._private_jobs');
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await runner.stop();
  await pool.end();
  console.log(JSON.stringify({ worker: `graphile-worker 0.16.6 (concurrency ${concurrency})`, jobs, seconds, jobsPerSecond: Math.round(jobs / seconds) }));
}

function quietLogger() {
  const { Logger } = require('graphile-worker');
  return new Logger(() => () => {});
}

main().catch((e) => { console.error(e); process.exit(1); });
