// Drains N no-op jobs from app_jobs with the reference worker (@constructive-io/job-worker):
// one connection, get_job → task → complete_job, one job at a time. Prints one JSON line.
// Usage: node reference-worker.js <connection string> <jobs>
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
const pg = require('pg');
const { Worker } = require('@constructive-io/job-worker');

const [connectionString, count = '10000'] = process.argv.slice(2);
const jobs = Number(count);

async function main() {
  const pool = new pg.Pool({ connectionString, max: 4 });
  await pool.query('TRUNCATE app_jobs.jobs, app_jobs.job_queues');
  await pool.query(
    `SELECT count(*) FROM generate_series(1, $1) i,
            LATERAL app_jobs.add_job(db_id => gen_random_uuid(), identifier => 'noop', payload => json_build_object('n', i))`,
    [jobs]);
  const worker = new Worker({ tasks: { noop: async () => {} }, pgPool: pool, workerId: 'reference-bench' });
  const started = process.hrtime.bigint();
  worker.listen();
  for (;;) {
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM app_jobs.jobs');
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ worker: 'reference (@constructive-io/job-worker 2.16.2)', jobs, seconds, jobsPerSecond: Math.round(jobs / seconds) }));
  process.exit(0);
}
main().catch((e) => { console.error(e); process.exit(1); });
