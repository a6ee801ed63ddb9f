/**
 * Parsing and checking a whole file in the language service, in this process, without the
 * protocol: `node --import tsx bench/measureService.ts [rows] [repeats]`. Measures a
 * generated file and two variants in which every row has a problem (no media_type; a
 * metadata field no schema knows), and prints the fastest and the median of the repeats.
 */
import { createValidationContext, ImportDocument } from '../service';
import { generateImportFile, withoutMediaType, withUnknownMetadataField } from './generateRows';
import { median } from './report';

const rows = Number(process.argv[2] ?? 50_000);
const repeats = Number(process.argv[3] ?? 7);
const context = createValidationContext();
const base = generateImportFile(rows, 1).text;
const files: Array<[string, string]> = [
  ['generated (1 row in 100 wrong)', base],
  ['no media_type', withoutMediaType(base)],
  ['a metadata field no schema knows', withUnknownMetadataField(base)],
];
console.log(`${rows.toLocaleString('en-US')} rows, ${repeats} repeats (the first ones warm up the JIT):`);
for (const [name, text] of files) {
  const times: number[] = [];
  let problems = 0;
  for (let repeat = 0; repeat < repeats; repeat++) {
    const started = performance.now();
    const document = new ImportDocument(text, context);
    times.push(performance.now() - started);
    problems = document.rowsWithProblems.size;
  }
  console.log(
    `  ${name}: fastest ${Math.round(Math.min(...times))} ms, median ${Math.round(median(times))} ms, ${problems.toLocaleString('en-US')} rows with problems`,
  );
}
