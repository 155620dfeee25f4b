/**
 * Benchmark (issue 12's hostile inputs): a 10 MB file whose one line is 5 million commas, previewed as the
 * console and `desk import` read it. Before the fix the parser re-split the unfinished line into cells for
 * every piece of decoded text and the header search read all 5 million columns for every field: more than
 * 9 minutes (281 s with the header search capped). Target: a refusal within 30 s on a loaded machine (9.7 s at load 7 on 2 cores).
 */
import { openStore } from '../src/main/store';
import { previewCsv } from '../src/main/intake/csv';
import { machineLine, report } from './report-line';

console.log(machineLine());
const store = openStore(':memory:');
const blob = Buffer.from('a,'.repeat(5 * 1024 * 1024));
const start = performance.now();
const preview = previewCsv(store, blob, { region: 'IN' });
const ms = performance.now() - start;
store.close();
const refused = preview.mapping.awb === null && preview.mapping.phone === null;
const ok = report({ name: 'wide-line-10mb-preview', value: ms, unit: 'ms', target: { below: 30_000 } });
console.log(`  columns ${preview.headers.length}, AWB and phone columns missing: ${refused}`);
process.exitCode = ok && refused ? 0 : 1;
