/**
 * Measures completion and hover in a 50,000-row file over the real server (stdio): each
 * round edits a random row, then asks in that row, once right after the edit (as when
 * typing) and once after the server has published the file's diagnostics.
 * Run: npm run build && node --import tsx bench/completion-hover.ts
 */
import { performance } from 'node:perf_hooks';
import { ImportDocument, createValidationContext } from '../service';
import { doComplete } from '../service/features/completion';
import { doHover } from '../service/features/hover';
import { TestLspClient } from '../test/support/lspClient';

const ROWS = 50_000;
const lines: string[] = [];
for (let i = 0; i < ROWS; i++) {
  lines.push(
    `  { "row_data": "https://bucket.s3.us-east-1.amazonaws.com/img/img_${i}.jpg", "global_key": "img_${i}", "media_type": "IMAGE", "metadata_fields": [{ "name": "split", "value": "train" }], "attachments": [{ "type": "RAW_TEXT", "value": "note ${i}" }] }`,
  );
}
const text = `[\n${lines.join(',\n')}\n]`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The language service alone, in this process: no transport, no edits. */
function measureService(): void {
  const context = createValidationContext();
  const document = new ImportDocument(text, context);
  const complete: number[] = [];
  const hover: number[] = [];
  for (let round = 0; round < 200; round++) {
    const row = document.rows[Math.floor(Math.random() * ROWS)];
    let started = performance.now();
    if (!doComplete(document, row.start + 2, context).length) throw new Error('no completion');
    complete.push(performance.now() - started);
    const mediaType = text.indexOf('"IMAGE"', row.start) + 2;
    started = performance.now();
    if (!doHover(document, mediaType, context)) throw new Error('no hover');
    hover.push(performance.now() - started);
  }
  for (const [name, values] of [
    ['service: completion (key)', complete],
    ['service: hover', hover],
  ] as const) {
    console.log(
      `${name.padEnd(32)} median ${percentile(values, 50).toFixed(2)} ms, p95 ${percentile(values, 95).toFixed(2)} ms, max ${Math.max(...values).toFixed(2)} ms`,
    );
  }
}

async function main(): Promise<void> {
  measureService();
  const client = await TestLspClient.start();
  const uri = 'file:///bench/big.labelbox.json';
  const opened = performance.now();
  client.open(uri, text);
  await client.diagnosticsFor(uri, 120_000);
  console.log(`${ROWS} rows, ${(text.length / 1e6).toFixed(1)} MB; open and first diagnostics: ${(performance.now() - opened).toFixed(0)} ms`);

  const samples: Record<string, number[]> = {
    'completion right after an edit': [],
    'completion (key)': [],
    'completion (enum value)': [],
    'completion (metadata value)': [],
    hover: [],
  };
  for (let round = 0; round < 30; round++) {
    const line = 1 + Math.floor(Math.random() * ROWS);
    const row = lines[line - 1];
    // Type a space after the row's "{" first, so every request follows an edit of its row.
    client.change(uri, [{ range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: ' ' }]);
    lines[line - 1] = row.slice(0, 3) + ' ' + row.slice(3);
    const edited = lines[line - 1];
    const at = async (name: string, character: number, run: () => Promise<unknown>) => {
      const started = performance.now();
      const result = await run();
      samples[name].push(performance.now() - started);
      if (!result) throw new Error(`${name} gave nothing at ${line}:${character}`);
    };
    await at('completion right after an edit', 4, () => client.completion(uri, { line, character: 4 }));
    await client.diagnosticsFor(uri, 60_000);
    await at('completion (key)', 4, () => client.completion(uri, { line, character: 4 }));
    const mediaType = edited.indexOf('"IMAGE"') + 1;
    await at('completion (enum value)', mediaType, () => client.completion(uri, { line, character: mediaType }));
    const split = edited.indexOf('"train"') + 1;
    await at('completion (metadata value)', split, () => client.completion(uri, { line, character: split }));
    await at('hover', mediaType, () => client.hover(uri, { line, character: mediaType }));
  }
  for (const [name, values] of Object.entries(samples)) {
    console.log(
      `${name.padEnd(32)} median ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`,
    );
  }
  await client.stop();
}

void main();
