// Drains N no-op jobs with graphile-worker (its own schema, graphile_worker) and prints JSON lines
// in Jobs.Bench's shape. The jobs are added with addJobs in one call before the worker starts.
// Usage: node graphile-worker.js <connection string> <jobs> perftest|defaults [concurrency]
//   perftest  graphile-worker's own perfTest preset (perfTest/graphile.config.js in graphile/worker):
//             24 concurrent jobs, a pool of 25, a local queue of 500 with a 10 ms refetch delay,
//             completions and failures batched (delay 0). Also prints the addJobs rate.
//   defaults  no local queue, no batching; concurrency as given (default 8), and the pool size
//             graphile-worker recommends: max(10, concurrency + 2).
// perfTest runs 4 such processes at once; this runs one, like every other row of the comparison.
const pg = require('pg');
const { run, runMigrations, makeWorkerUtils, Logger } = require('graphile-worker');
const version = require('./package.json').dependencies['graphile-worker'];

const [connectionString, count = '10000', variant = 'defaults', concurrencyArg = '8'] = process.argv.slice(2);
const jobs = Number(count);
const logger = new Logger(() => () => {}); // silent: one log line per job would cost more than the job
const payload = { to: 'ada@example.com', subject: 'hello' }; // the payload every runner uses

const options = variant === 'perftest'
  ? {
      system: `graphile-worker ${version} perfTest preset c24`,
      ref: 'graphile-perftest',
      worker: {
        concurrentJobs: 24,
        maxPoolSize: 25,
        localQueue: { size: 500, refetchDelay: { durationMs: 10 } },
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
      },
    }
  : variant === 'defaults'
    ? {
        system: `graphile-worker ${version} defaults c${concurrencyArg}`,
        worker: { concurrentJobs: Number(concurrencyArg), maxPoolSize: Math.max(10, Number(concurrencyArg) + 2) },
      }
    : null;

async function main() {
  if (!options) throw new Error(`unknown variant ${variant}: use perftest or defaults`);
  await runMigrations({ connectionString, logger });
  const utils = await makeWorkerUtils({ connectionString, logger });
  // Warm-up, as jobs bench does before its own enqueue figures (20 calls of 1,000 jobs): the
  // measured call is not among the first through the driver, the SQL and the JIT.
  for (let round = 0; round < 20; round++) {
    const warm = await utils.addJobs(Array.from({ length: 1000 }, () => ({ identifier: 'noop', payload })));
    await utils.completeJobs(warm.map((job) => job.id));
  }
  let clock = process.hrtime.bigint();
  const added = await utils.addJobs(Array.from({ length: jobs }, () => ({ identifier: 'noop', payload })));
  if (added.length !== jobs) throw new Error(`addJobs added ${added.length} of ${jobs} jobs`);
  if (variant === 'perftest') {
    print({ system: `graphile-worker ${version} addJobs, one call`, metric: 'enqueue', jobs, seconds: since(clock) });
  }
  await utils.release();
  const pool = new pg.Pool({ connectionString, max: 1 });
  // The measured jobs wait while a warm-up drain runs first with the same settings, as jobs bench
  // warms its own worker: the figure is that of a process that has run a while.
  await pool.query("UPDATE graphile_worker._private_jobs SET run_at = now() + interval '1 day'");
  const warmUtils = await makeWorkerUtils({ connectionString, logger });
  await warmUtils.addJobs(Array.from({ length: Math.min(jobs, 2000) }, () => ({ identifier: 'noop', payload })));
  await warmUtils.release();
  await drain(pool, Math.min(jobs, 2000), 'run_at <= now()');
  await pool.query('UPDATE graphile_worker._private_jobs SET run_at = now()');

  const seconds = await drain(pool, jobs, 'true');
  await pool.end();
  print({ system: options.system, metric: 'drain', jobs, seconds, ref: options.ref });
}

// Runs a worker until `count` jobs have started and no job matching `left` remains; returns the
// seconds from starting the worker. Jobs are counted as they start (polling count(*) would load
// the server being measured); then the table is watched until the last completions are committed.
async function drain(pool, count, left) {
  let started = 0;
  let allStarted;
  const allStartedPromise = new Promise((resolve) => { allStarted = resolve; });
  const clock = process.hrtime.bigint();
  const runner = await run({
    connectionString,
    noHandleSignals: true,
    logger,
    taskList: { noop: async () => { if (++started === count) allStarted(); } },
    preset: { worker: options.worker },
  });
  await allStartedPromise;
  for (;;) {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE ${left}`);
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const seconds = since(clock);
  await runner.stop();
  return seconds;
}

function since(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function print({ system, metric, jobs, seconds, ref }) {
  console.log(JSON.stringify({ system, metric, jobs, seconds: +seconds.toFixed(3), jobsPerSecond: Math.round(jobs / seconds), ...(ref ? { ref } : {}) }));
}

main().catch((e) => { console.error(e); process.exit(1); });
