// Turns the JSON lines every runner prints (collected by run.sh, tagged with their pass) into the
// markdown report: one table per group (drain, enqueue, latency), one row per system with the
// median over passes (with 2 passes, their mean), the min–max, and ratios of medians.
// Usage: node report.js results/latest.jsonl > results/latest.md
const fs = require('fs');

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n')
  .filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));

// The settings that decide what a commit costs; every runner's server must agree on them.
const settingKeys = ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'server_version'];
const settingLines = lines.filter((l) => l.metric === 'settings');
const run = settingLines.find((l) => l.passes !== undefined) ?? {};
const settingsText = settingKeys.map((k) => `${k}=${run[k]}`).join(', ');
const disagreeing = settingLines.filter((l) => settingKeys.some((k) => l[k] !== undefined && l[k] !== run[k]));

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// Rows: one per (metric, system), its values across passes.
const rows = new Map();
for (const l of lines.filter((x) => x.metric !== 'settings')) {
  const key = `${l.metric}\t${l.system}`;
  if (!rows.has(key)) rows.set(key, { metric: l.metric, system: l.system, ref: l.ref, strategy: l.strategy, samples: [] });
  rows.get(key).samples.push(l);
}
const group = (metric) => [...rows.values()].filter((r) => r.metric === metric)
  .sort((a, b) => rank(a) - rank(b)); // stable: first-seen order within a rank
const rank = (r) => (r.system.startsWith('Jobs') ? 0 : r.system.startsWith('graphile') ? 1 : r.system.startsWith('reference') ? 2 : 3);
const rate = (r) => median(r.samples.map((s) => s.jobsPerSecond));
const refRate = (ref) => { const r = [...rows.values()].find((x) => x.ref === ref); return r ? rate(r) : undefined; };

const n0 = (x) => Math.round(x).toLocaleString('en-US');
const ms = (x) => x.toFixed(1);
const range = (values, format) => `${format(Math.min(...values))}–${format(Math.max(...values))}`;
const ratio = (value, reference) => (reference ? `${(value / reference).toFixed(2)}×` : 'n/a');
const table = (header, body) => [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((c) => `| ${c.join(' | ')} |`)].join('\n');
const passCount = (r) => new Set(r.samples.map((s) => s.pass)).size;

const out = [];
out.push('# Jobs compared with graphile-worker, the reference worker and plain-SQL ceilings, on durable PostgreSQL');
out.push('');
out.push(`${run.date ?? ''}; ${run.passes} passes; ${n0(run.jobs ?? 0)} jobs per drain; ${run.cores} cores (${run.cpu}).`);
out.push('');
out.push(`**Settings:** ${settingsText}, max_connections=${run.max_connections}. One client committing one transaction after another: ${n0(run.oneClientCommitsPerSecond ?? 0)} commits/s (what a durable commit costs on this disk).`);
if (disagreeing.length) out.push(`\n**Warning:** ${disagreeing.length} runner(s) reported other settings: ${JSON.stringify(disagreeing[0])}`);
out.push('');
out.push('Each figure is the median over passes (with 2 passes: their mean), then the lowest and highest pass. Ratios divide medians. Every measurement ran in a fresh database, right after a CHECKPOINT.');

const drain = group('drain');
const batchCeiling = refRate('ceiling-batch');
const graphilePerf = refRate('graphile-perftest');
const reference = refRate('reference');
const functionsCeiling = refRate('ceiling-functions');
const usesSchemaFunctions = (r) => r.strategy === 'SchemaFunctions' || r.ref === 'reference';
out.push('', `## Drain: ${n0(run.jobs ?? 0)} no-op jobs queued before the worker starts, until the table is empty`, '', `_${settingsText}_`, '');
out.push(table(
  ['system', 'jobs/s', 'min–max', '÷ ceiling: lock 100 + delete', '÷ graphile perfTest', '÷ reference ×4', '÷ ceiling: get_job + complete_job'],
  drain.map((r) => {
    const v = rate(r);
    return [r.system, n0(v), range(r.samples.map((s) => s.jobsPerSecond), n0), ratio(v, batchCeiling), ratio(v, graphilePerf),
      usesSchemaFunctions(r) ? ratio(v, reference) : '', usesSchemaFunctions(r) ? ratio(v, functionsCeiling) : ''];
  })));

const enqueue = group('enqueue');
const insertCeiling = refRate('ceiling-insert');
out.push('', '## Enqueue', '', `_${settingsText}_`, '');
out.push(table(['system', 'jobs', 'jobs/s', 'min–max', '÷ ceiling: INSERT … SELECT'],
  enqueue.map((r) => {
    const v = rate(r);
    return [r.system, n0(r.samples[0].jobs), n0(v), range(r.samples.map((s) => s.jobsPerSecond), n0), ratio(v, insertCeiling)];
  })));

const latency = group('latency');
out.push('', '## Latency: enqueue to handler start, idle worker (poll 60 s, LISTEN/NOTIFY), 200 jobs one at a time', '', `_${settingsText}_`, '');
out.push(table(['system', 'p50 ms', 'p50 min–max', 'p95 ms', 'p99 ms', 'p99 min–max', 'max ms'],
  latency.map((r) => {
    const of = (k) => r.samples.map((s) => s[k]);
    return [r.system, ms(median(of('p50Ms'))), range(of('p50Ms'), ms), ms(median(of('p95Ms'))), ms(median(of('p99Ms'))), range(of('p99Ms'), ms), ms(median(of('maxMs')))];
  })));

const incomplete = [...rows.values()].filter((r) => passCount(r) !== run.passes);
if (incomplete.length) out.push('', `**Incomplete:** ${incomplete.map((r) => `${r.system} (${passCount(r)} of ${run.passes} passes)`).join('; ')}.`);
console.log(out.join('\n'));
