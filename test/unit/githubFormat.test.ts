import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeData, escapeProperty, formatGithub } from '../../server/cli/formats/githubFormat';
import type { FileReport } from '../../server/cli/report';
import { LineIndex, type ImportDiagnostic } from '../../service';

/**
 * GitHub reads `::error file=…,line=…::message` up to the end of the line: a message must stay on
 * one line, and a property value must not end early at a `,` or a `:`. The escapes are those of
 * the Actions toolkit (% first, so that the escapes themselves survive).
 */

function report(file: string, text: string, diagnostics: ImportDiagnostic[]): FileReport {
  return { file, rows: 1, diagnostics, lines: new LineIndex(text) };
}

test('a message keeps %, new lines, : and , as GitHub reads them: one line, % escaped first', () => {
  assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
  assert.equal(escapeData('%0A'), '%250A', 'an escape in the text is not read as one');
});

test('a property value escapes : and , too, which would end it', () => {
  assert.equal(escapeProperty('data/a:b,c%d\n.json'), 'data/a%3Ab%2Cc%25d%0A.json');
});

test('control characters from the file are written out, never sent to the log', () => {
  assert.equal(escapeData('key \u001b[31mred\u202e'), 'key \\u001b[31mred\\u202e');
});

test('each problem is one command at its range, with the rule in the title, then a summary line', () => {
  const text = '[\n  { "row_data": "s3://b/a.jpg" }\n]\n';
  const offset = text.indexOf('"s3:');
  const lines = formatGithub([
    report('./data/x,y:z.labelbox.json', text, [
      { offset, length: 14, severity: 'error', code: 's3-url', message: 'Use https:\n100% sure, really' },
      { offset: 4, length: 1, severity: 'information', code: 'missing-media-type', message: 'note' },
    ]),
  ])
    .trimEnd()
    .split('\n');
  assert.deepEqual(lines, [
    '::error file=data/x%2Cy%3Az.labelbox.json,line=2,col=17,endLine=2,endColumn=31,title=labelbox-import s3-url::Use https:%0A100%25 sure, really',
    '::notice file=data/x%2Cy%3Az.labelbox.json,line=2,col=3,endLine=2,endColumn=4,title=labelbox-import missing-media-type::note',
    'labelbox-import: 1 file checked: 1 errors, 0 warnings, 1 infos.',
  ]);
});
