// Drains N no-op jobs from app_jobs with the reference worker (@constructive-io/job-worker) and
// prints one JSON line in Jobs.Bench's shape. One Worker runs one job at a time on its own
// connection (get_job → task → complete_job), so the comparison runs several Workers in this
// process, each with its own worker id, sharing one pool.
// Usage: node reference-worker.js <connection string> <jobs> [workers=4]
// The database must hold the app_jobs schema (run.sh migrates it with the Jobs CLI).
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error'; // one log line per job would cost more than the job
const pg = require('pg');
const { Worker } = require('@constructive-io/job-worker');
const version = require('./package.json').dependencies['@constructive-io/job-worker'];

const [connectionString, count = '10000', workersArg = '4'] = process.argv.slice(2);
const jobs = Number(count);
const workers = Number(workersArg);

async function main() {
  // Each Worker keeps one pooled connection for good (its LISTEN client); one more for this script.
  const pool = new pg.Pool({ connectionString, max: workers + 1 });
  await pool.query('TRUNCATE app_jobs.jobs, app_jobs.job_queues');
  // add_job in the select list runs once per row; in FROM, with arguments that do not name the
  // series, PostgreSQL may run it once and repeat the result.
  await pool.query(
    `SELECT count(app_jobs.add_job(db_id => gen_random_uuid(), identifier => 'noop',
                                   payload => '{"to":"ada@example.com","subject":"hello"}'))
       FROM generate_series(1, $1)`,
    [jobs]);
  const { rows: [{ n: queued }] } = await pool.query('SELECT count(*)::int AS n FROM app_jobs.jobs');
  if (queued !== jobs) throw new Error(`expected ${jobs} jobs in app_jobs.jobs, found ${queued}`);

  // Jobs are counted as they start (polling count(*) would load the server being measured);
  // then the table is watched until the last completions are committed.
  let started = 0;
  let allStarted;
  const allStartedPromise = new Promise((resolve) => { allStarted = resolve; });
  const tasks = { noop: async () => { if (++started === jobs) allStarted(); } };
  const clock = process.hrtime.bigint();
  for (let i = 0; i < workers; i++) {
    new Worker({ tasks, pgPool: pool, workerId: `reference-bench-${i}` }).listen();
  }
  await allStartedPromise;
  for (;;) {
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM app_jobs.jobs');
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const seconds = Number(process.hrtime.bigint() - clock) / 1e9;
  console.log(JSON.stringify({
    system: `reference worker (@constructive-io/job-worker ${version}) ×${workers}`,
    metric: 'drain', jobs, seconds: +seconds.toFixed(3), jobsPerSecond: Math.round(jobs / seconds), ref: 'reference',
  }));
  process.exit(0); // the Workers have no stop method; their connections end with the process
}
main().catch((e) => { console.error(e); process.exit(1); });
