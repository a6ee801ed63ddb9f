/**
 * What reading signed URLs costs the service: `node --import tsx bench/measureSignedUrls.ts
 * [rows] [repeats]`. A generated file whose asset URLs are all S3 presigned URLs (Signature
 * Version 4, signed a day apart so that their moments are distinct), checked with and without
 * the signed URL rule in the same process (ratios hold under load; absolute times do not);
 * then, on the checked file, collecting the problems (every URL due: all expired) and finding
 * the next moment a verdict changes, and one edit followed by both, as the server does.
 */
import { collectDiagnostics, createValidationContext, ImportDocument, nextSignedUrlChange } from '../service';
import { ROW_RULES } from '../service/validation/validateRow';
import { checkSignedUrls } from '../service/validation/rules/signedUrls';
import { generateImportFile } from './generateRows';
import { median } from './report';

const rows = Number(process.argv[2] ?? 50_000);
const repeats = Number(process.argv[3] ?? 5);
const context = createValidationContext();
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');

let index = 0;
const amzDate = (time: number) =>
  new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const signed = generateImportFile(rows, 1).text.replace(/"row_data": "(https:\/\/[^"?]+)"/g, (_, url: string) => {
  const date = amzDate(START + (index++ % 365) * DAY);
  return `"row_data": "${url}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=${date}&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"`;
});

function timed(run: () => void, count = repeats): { fastest: number; median: number } {
  const times: number[] = [];
  for (let repeat = 0; repeat < count; repeat++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return { fastest: Math.min(...times), median: median(times) };
}

const show = (name: string, t: { fastest: number; median: number }) =>
  console.log(`  ${name}: fastest ${t.fastest.toFixed(1)} ms, median ${t.median.toFixed(1)} ms`);

console.log(
  `${rows.toLocaleString('en-US')} rows, ${index.toLocaleString('en-US')} presigned URLs (${(signed.length / 1e6).toFixed(1)} MB), ${repeats} repeats`,
);
// Alternated, so that load and the heap's growth fall on both alike.
const position = ROW_RULES.indexOf(checkSignedUrls);
const withoutTimes: number[] = [];
const withTimes: number[] = [];
for (let repeat = 0; repeat < repeats; repeat++) {
  ROW_RULES.splice(position, 1);
  withoutTimes.push(timed(() => new ImportDocument(signed, context), 1).fastest);
  ROW_RULES.splice(position, 0, checkSignedUrls);
  withTimes.push(timed(() => new ImportDocument(signed, context), 1).fastest);
}
const summary = (times: number[]) => ({ fastest: Math.min(...times), median: median(times) });
show('parse and check, without the signed URL rule', summary(withoutTimes));
show('parse and check, with it', summary(withTimes));
console.log(
  `  ratio of medians: ${(median(withTimes) / median(withoutTimes)).toFixed(3)}, of the fastest: ${(Math.min(...withTimes) / Math.min(...withoutTimes)).toFixed(3)}`,
);

const document = new ImportDocument(signed, context);
const now = START + 400 * DAY;
show(
  `collectDiagnostics (${document.expiries.size.toLocaleString('en-US')} rows due, cap 1,000)`,
  timed(() => collectDiagnostics(document, { now })),
);
show(
  'nextSignedUrlChange',
  timed(() => nextSignedUrlChange(document, now, DAY)),
);
const middle = document.rows[Math.floor(document.rows.length / 2)].start;
show(
  'an edit in the middle row, then both',
  timed(() => {
    document.update([{ offset: middle + 1, removedLength: 0, text: ' ' }]);
    collectDiagnostics(document, { now });
    nextSignedUrlChange(document, now, DAY);
  }),
);
