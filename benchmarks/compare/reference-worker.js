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

  // The measured jobs wait (due tomorrow) while the Workers warm up on 1,000 jobs of their own, as
  // jobs bench warms its worker; then they all fall due at once and the Workers are woken.
  await pool.query("UPDATE app_jobs.jobs SET run_at = now() + interval '1 day'");
  const warm = Math.min(jobs, 1000);
  await pool.query(
    `SELECT count(app_jobs.add_job(db_id => gen_random_uuid(), identifier => 'noop', payload => '{}'))
       FROM generate_series(1, $1)`,
    [warm]);

  // Jobs are counted as they start (polling count(*) would load the server being measured);
  // then the table is watched until the last completions are committed.
  let started = 0;
  let expected = warm;
  let allStarted;
  let allStartedPromise = new Promise((resolve) => { allStarted = resolve; });
  const tasks = { noop: async () => { if (++started === expected) allStarted(); } };
  for (let i = 0; i < workers; i++) {
    new Worker({ tasks, pgPool: pool, workerId: `reference-bench-${i}` }).listen();
  }
  await allStartedPromise;
  await until(pool, 'SELECT count(*)::int AS n FROM app_jobs.jobs WHERE run_at <= now()');

  started = 0;
  expected = jobs;
  allStartedPromise = new Promise((resolve) => { allStarted = resolve; });
  await pool.query('UPDATE app_jobs.jobs SET run_at = now(); NOTIFY "jobs:insert"');
  const clock = process.hrtime.bigint();
  await allStartedPromise;
  await until(pool, 'SELECT count(*)::int AS n FROM app_jobs.jobs');
  const seconds = Number(process.hrtime.bigint() - clock) / 1e9;
  console.log(JSON.stringify({
    system: `reference worker (@constructive-io/job-worker ${version}) ×${workers}`,
    metric: 'drain', jobs, seconds: +seconds.toFixed(3), jobsPerSecond: Math.round(jobs / seconds), ref: 'reference',
  }));
  process.exit(0); // the Workers have no stop method; their connections end with the process
}
// Polls `count` until it is 0.
async function until(pool, count) {
  for (;;) {
    const { rows } = await pool.query(count);
    if (rows[0].n === 0) return;
    await new Promise((r) => setTimeout(r, 2));
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
