import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidationContext, ImportDocument } from '../../service';

/**
 * Rows are first read as ending like the row before them (service/json/quickRows.ts), by
 * looking for that row's closing line. A file whose every row closes at another indentation
 * never has it: each look must stop near the row, or the check is quadratic in the file's size.
 */

const context = createValidationContext();
const ROWS = 3000;

function rowsClosedAt(indentation: (index: number) => number): string {
  const rows: string[] = [];
  for (let index = 0; index < ROWS; index++) {
    rows.push(`  {\n    "row_data": "https://example.com/${index}.jpg",\n    "global_key": "k-${index}"\n${' '.repeat(indentation(index))}}`);
  }
  return `[\n${rows.join(',\n')}\n]\n`;
}

function checkMs(text: string): number {
  const started = performance.now();
  const document = new ImportDocument(text, context);
  const ms = performance.now() - started;
  assert.equal(document.rows.length, ROWS);
  return ms;
}

test('rows that each close at their own indentation are checked in time linear in the file', () => {
  // Equal lengths: the alike rows' closing lines are padded with spaces after the brace's line break.
  const alike = rowsClosedAt(() => ROWS);
  const unlike = rowsClosedAt((index) => index + 2);
  checkMs(alike);
  const alikeMs = Math.min(checkMs(alike), checkMs(alike));
  const unlikeMs = Math.min(checkMs(unlike), checkMs(unlike));
  // Quadratic, each row would read on through the ~4.5 million characters after it: hundreds of times slower.
  assert.ok(unlikeMs < alikeMs * 10 + 500, `rows closed alike ${Math.round(alikeMs)} ms, each at its own indentation ${Math.round(unlikeMs)} ms`);
});
