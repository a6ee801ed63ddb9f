import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDiagnostics, createValidationContext, ImportDocument, LineIndex, type ImportDiagnostic } from '../../service';

/**
 * Schema fixtures. valid/*.json must produce no error. invalid/*.json each have a sidecar
 * <name>.expect.json listing the problems they must produce, 1-based and end-exclusive:
 *   [{ "code": "unknown-property", "line": 3, "column": 5, "endLine": 3, "endColumn": 14 }]
 * An invalid fixture must produce every listed problem, and no error that is not listed.
 */

interface Expected {
  code: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity?: string;
}

const root = join(import.meta.dirname, '..', 'fixtures', 'schema');
const context = createValidationContext();

function fixtures(kind: 'valid' | 'invalid'): string[] {
  return readdirSync(join(root, kind))
    .filter((name) => name.endsWith('.json') && !name.endsWith('.expect.json'))
    .sort();
}

function check(path: string): { text: string; diagnostics: ImportDiagnostic[]; lines: LineIndex } {
  const text = readFileSync(path, 'utf8');
  return { text, diagnostics: collectDiagnostics(new ImportDocument(text, context)), lines: new LineIndex(text) };
}

function located(lines: LineIndex, diagnostic: ImportDiagnostic): Expected {
  const start = lines.positionAt(diagnostic.offset);
  const end = lines.positionAt(diagnostic.offset + diagnostic.length);
  return { code: diagnostic.code, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

const describe = (items: Expected[]) =>
  items.map((item) => `  ${item.code} ${item.line}:${item.column}-${item.endLine}:${item.endColumn}`).join('\n') || '  (none)';

test('there are enough fixtures', () => {
  assert.ok(fixtures('valid').length >= 10, 'at least 10 valid fixtures');
  assert.ok(fixtures('invalid').length >= 15, 'at least 15 invalid fixtures');
});

for (const name of fixtures('valid')) {
  test(`valid fixture ${name} has no errors`, () => {
    const { diagnostics, lines, text } = check(join(root, 'valid', name));
    assert.doesNotThrow(() => JSON.parse(text), 'a valid fixture is plain JSON');
    const errors = diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => `${d.code} ${located(lines, d).line}: ${d.message}`),
      [],
    );
  });
}

for (const name of fixtures('invalid')) {
  test(`invalid fixture ${name} produces exactly the listed errors`, () => {
    const { diagnostics, lines } = check(join(root, 'invalid', name));
    const expected = JSON.parse(readFileSync(join(root, 'invalid', name.replace(/\.json$/, '.expect.json')), 'utf8')) as Expected[];
    assert.ok(expected.length > 0, 'the sidecar lists at least one problem');
    const actual = diagnostics.map((d) => ({ ...located(lines, d), severity: d.severity }));
    for (const item of expected) {
      const found = actual.some(
        (a) =>
          a.code === item.code &&
          a.line === item.line &&
          a.column === item.column &&
          a.endLine === item.endLine &&
          a.endColumn === item.endColumn &&
          (!item.severity || a.severity === item.severity),
      );
      assert.ok(found, `expected ${describe([item])}\nfound:\n${describe(actual)}`);
    }
    const unlisted = actual.filter(
      (a) => a.severity === 'error' && !expected.some((item) => item.code === a.code && item.line === a.line && item.column === a.column),
    );
    assert.deepEqual(
      unlisted.map((a) => describe([a])),
      [],
      'errors not listed in the sidecar',
    );
  });
}
