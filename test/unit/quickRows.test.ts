import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidationContext, ImportDocument } from '../../service';
import { checkInPieces } from '../../service/document/checkInPieces';
import { readRowClosedLike, rowCloserOf, writtenKeys } from '../../service/json/quickRows';
import { generateImportFile } from '../../bench/generateRows';
import { snapshot } from './helpers/randomEdits';

/**
 * Rows of a pretty-printed file are first read as ending like the row before them
 * (service/json/quickRows.ts); whatever the text, the document must be the one the
 * character-by-character scan gives. The scan is what checking in pieces uses, so a text
 * checked in pieces is the reference.
 */

const context = createValidationContext();

async function scanned(text: string): Promise<ImportDocument> {
  const { checked } = await checkInPieces([text], context);
  return new ImportDocument(text, context, undefined, checked);
}

async function assertSameAsScan(text: string, what: string): Promise<ImportDocument> {
  const document = new ImportDocument(text, context);
  assert.deepStrictEqual(snapshot(document), snapshot(await scanned(text)), what);
  return document;
}

const ROW = (key: string, extra = '') => `  {\n    "row_data": "https://example.com/${key}.jpg",\n    "global_key": "${key}"${extra}\n  }`;
const file = (...rows: string[]) => `[\n${rows.join(',\n')}\n]\n`;

test('writtenKeys counts each key once, whatever is around its colon', () => {
  const text = '{"a": 1, "b" :\n 2, "c\\\\": "x\\": y", "d": "https://e.com:8080/p?q=a:b", "e": {"f": "\\"  :"}}';
  assert.equal(writtenKeys(text, 0, text.length), 6);
  assert.deepEqual(Object.keys(JSON.parse(text) as object).length + 1, 6);
});

test('the closer is learnt from a row that ends on a line of its own, and not from a one-line row', () => {
  const pretty = ROW('a');
  assert.equal(rowCloserOf(pretty, 2, pretty.length), '\n  }');
  assert.equal(rowCloserOf(pretty.replace(/\n/g, '\r\n'), 2, pretty.length + 3), '\n  }');
  const compact = '{"row_data": "x"}';
  assert.equal(rowCloserOf(compact, 0, compact.length), undefined);
});

test('a row read as ending at the closer is the whole row, or nothing', () => {
  const text = file(ROW('a'), ROW('b'));
  const second = text.indexOf('{', text.indexOf('"a"'));
  const read = readRowClosedLike(text, second, text.length, '\n  }');
  assert.ok(read);
  assert.equal(text.slice(read.end - 1, read.end), '}');
  assert.deepEqual(read.value, JSON.parse(text)[1]);
  // A nested object that closes at the row's indentation is not taken for the row's end.
  const nested = `  {\n    "row_data": "https://example.com/n.jpg",\n    "media_attributes": {\n      "w": 1\n  },\n    "global_key": "n"\n  }`;
  const start = 2;
  assert.equal(readRowClosedLike(nested, start, nested.length, '\n  }'), undefined);
});

test('documents read with the guessed row ends equal the scan, on the files that could fool it', async () => {
  const generated = generateImportFile(200, 4).text;
  await assertSameAsScan(generated, 'a generated file');
  // A repeated key in a row that also has a space before a colon.
  await assertSameAsScan(file(ROW('a'), ROW('b', ',\n    "global_key" : "b2"'), ROW('c')), 'repeated key, space before its colon');
  const document = new ImportDocument(file(ROW('a'), ROW('b', ',\n    "global_key" : "b2"'), ROW('c')), context);
  assert.ok(
    [...document.rowsWithProblems].some((row) => row.syntax.some((problem) => problem.code === 'duplicate-key')),
    'the repeated key is reported',
  );
  // A nested object closing at the rows' indentation.
  await assertSameAsScan(file(ROW('a'), ROW('b', ',\n    "media_attributes": {\n      "w": 1\n  }'), ROW('c')), 'nested closer at row indentation');
  // Strings holding escaped quotes before colons, and backslashes before a closing quote.
  await assertSameAsScan(file(ROW('a'), ROW('b', ',\n    "external_id": "x\\": y \\\\"'), ROW('c')), 'escaped quotes and colons');
  // Nesting deeper than the limit, after ordinary rows.
  for (const depth of [255, 256, 300]) {
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    await assertSameAsScan(file(ROW('a'), ROW('b', `,\n    "external_id": ${deep}`), ROW('c')), `nesting ${depth + 1} deep`);
  }
  // A syntax error, a row with another indentation, a one-line row, and CRLF line breaks.
  await assertSameAsScan(file(ROW('a'), ROW('b', ',\n    "x": tru'), ROW('c')), 'syntax error');
  await assertSameAsScan(file(ROW('a'), `{"row_data": "https://example.com/o.jpg", "global_key": "o"}`, ROW('c')), 'one-line row');
  await assertSameAsScan(file(ROW('a'), ROW('b'), ROW('c')).replace(/\n/g, '\r\n'), 'CRLF');
});
