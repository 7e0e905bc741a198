// Turns the end-to-end fault/security suite's TRX results into the Markdown table of docs/reliability.md.
// Usage: node eng/reliability-report.mjs <results.trx>
import { readFileSync } from 'node:fs';

const trx = readFileSync(process.argv[2], 'utf8');
const rows = [...trx.matchAll(/<UnitTestResult [^>]*testName="([^"]+)"[^>]*duration="([^"]+)"[^>]*outcome="([^"]+)"/g)]
  .map(([, name, duration, outcome]) => {
    const decoded = name.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
    const [, cls, test] = decoded.match(/^VideoPipeline\.EndToEnd\.Tests\.([^.]+)\.(.*)$/) ?? [null, '', decoded];
    const seconds = duration.split(':').reduce((total, part) => total * 60 + Number(part), 0);
    return { cls, test: test.replaceAll('|', '\\|'), seconds, outcome };
  })
  .sort((a, b) => a.cls.localeCompare(b.cls) || a.test.localeCompare(b.test));

const passed = rows.filter(r => r.outcome === 'Passed').length;
console.log(`${passed} of ${rows.length} scenarios passed.\n`);
console.log('| suite | scenario | outcome | seconds |');
console.log('|---|---|---|---:|');
for (const r of rows) {
  console.log(`| ${r.cls} | \`${r.test}\` | ${r.outcome === 'Passed' ? 'passed' : `**${r.outcome}**`} | ${r.seconds.toFixed(1)} |`);
}
