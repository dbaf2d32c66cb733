// Turns `jobs bench --json` lines (stdin) into the compare's JSON lines (stdout): drains named
// "Jobs <strategy> c<concurrency>" as before, enqueue and latency rows prefixed "Jobs", and the
// tool's own in-process ceiling kept as a row of its own (the pgbench ceilings stay the reference).
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
const jobs = lines.find((l) => l.metric === 'settings')?.jobs ?? 0;
for (const l of lines) {
  if (l.metric === 'settings') continue;
  if (l.metric === 'drain') {
    const processes = l.processes ? ` ${l.processes} processes` : '';
    console.log(JSON.stringify({ system: `Jobs ${l.strategy} c${l.concurrency}${processes}`, metric: 'drain', jobsPerSecond: l.jobsPerSecond, strategy: l.strategy, concurrency: l.concurrency }));
  } else if (l.metric === 'ceiling') {
    console.log(JSON.stringify({ system: `ceiling (jobs bench, same work from .NET): ${l.name.replace(/^ceiling: /, '')}`, metric: 'drain', jobsPerSecond: l.jobsPerSecond }));
  } else if (l.metric === 'enqueue') {
    // jobs bench enqueues min(jobs, 1,000) one call each, and all of them in the many-per-call rows.
    const count = l.name.startsWith('Enqueue, one job per call') ? Math.min(jobs, 1000) : jobs;
    console.log(JSON.stringify({ system: `Jobs ${l.name}`, metric: 'enqueue', jobs: count, jobsPerSecond: l.jobsPerSecond }));
  } else if (l.metric === 'latency') {
    console.log(JSON.stringify({ system: `Jobs ${l.strategy}`, metric: 'latency', strategy: l.strategy, p50Ms: l.p50Ms, p95Ms: l.p95Ms, p99Ms: l.p99Ms, maxMs: l.maxMs }));
  }
}
