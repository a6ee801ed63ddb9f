import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDiagnostics, createValidationContext, ImportDocument, RULES, type RuleCode } from '../../service';

/**
 * The files in examples/: three clean import files, and one full of mistakes that shows every
 * rule at least once.
 */

const repo = join(import.meta.dirname, '..', '..');
const context = createValidationContext();

function diagnosticsOf(path: string) {
  const text = readFileSync(join(repo, path), 'utf8');
  return { text, diagnostics: collectDiagnostics(new ImportDocument(text, context)) };
}

/**
 * What the clean examples do report. current-format and mixed-media: nothing at all.
 * legacy-format: a "legacy-dialect" note on each row (it avoids the TEXT attachment type,
 * which would add deprecated-attachment-type warnings): a warning on each row without
 * row_data, which the SDK rejects, and information on the conversationalData row it converts.
 */
const LEGACY_ROW = 'warning legacy-dialect';
const CLEAN: Record<string, string[]> = {
  'examples/current-format.labelbox.json': [],
  'examples/mixed-media.labelbox.json': [],
  'examples/legacy-format.labelbox.json': [LEGACY_ROW, LEGACY_ROW, LEGACY_ROW, 'information legacy-dialect', LEGACY_ROW, LEGACY_ROW, LEGACY_ROW, LEGACY_ROW],
};

for (const [path, expected] of Object.entries(CLEAN)) {
  test(`${path} has no errors (reports: ${expected.join(', ') || 'nothing'})`, () => {
    const { text, diagnostics } = diagnosticsOf(path);
    assert.doesNotThrow(() => JSON.parse(text));
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
      [],
    );
    assert.deepEqual(
      diagnostics.map((d) => `${d.severity} ${d.code}`),
      expected,
    );
  });
}

test('the clean examples have enough rows of the kinds they promise', () => {
  const current = JSON.parse(diagnosticsOf('examples/current-format.labelbox.json').text) as Array<Record<string, unknown>>;
  assert.ok(current.length >= 10);
  assert.ok(current.every((row) => row.media_type === 'IMAGE'));
  for (const key of ['metadata_fields', 'attachments', 'embeddings'])
    assert.ok(
      current.some((row) => key in row),
      key,
    );

  const mixed = JSON.parse(diagnosticsOf('examples/mixed-media.labelbox.json').text) as Array<{ media_type: string; row_data: unknown }>;
  const kinds = new Set(mixed.map((row) => row.media_type));
  for (const kind of ['IMAGE', 'VIDEO', 'TEXT', 'TMS_GEO', 'CONVERSATIONAL', 'PDF', 'HTML', 'AUDIO', 'DICOM']) assert.ok(kinds.has(kind), kind);
  assert.ok(
    mixed.some((row) => (row.row_data as { type?: string }).type === 'application/vnd.labelbox.conversational.model-chat-evaluation'),
    'a model chat evaluation row',
  );
});

/** Rules about a global key another file uses: one file cannot show them (workspaceKeys.test.ts and the CLI and LSP tests do). */
const CROSS_FILE_RULES: RuleCode[] = ['global-key-in-other-file', 'global-key-already-imported'];

/**
 * Rules the mistakes file cannot show. too-many-rows needs more than 150,000 rows and
 * too-many-problems more than the 1,000-problem cap: both are tested in limits.test.ts.
 * root-not-array needs a root that is not an array, and then the file has no rows to make
 * other mistakes in: it is tested in fileLevel.test.ts and fixtures/schema/invalid/root-object.json.
 * global-key-exists-in-labelbox needs an answer of Labelbox's API: globalKeyInLabelbox.test.ts.
 * The asset-* rules need a server's answer (the asset access check): assetAccessProblems.test.ts.
 * signed-url-expiring-soon depends on the clock (a URL in a committed file expires for good):
 * it is tested with a fixed time in signedUrlRules.test.ts and the real-world fixtures.
 */
const NOT_IN_MISTAKES: RuleCode[] = [
  'too-many-rows',
  'too-many-problems',
  'root-not-array',
  'global-key-exists-in-labelbox',
  'signed-url-expiring-soon',
  ...CROSS_FILE_RULES,
  ...(Object.keys(RULES) as RuleCode[]).filter((code) => code.startsWith('asset-')),
];

test('mistakes.labelbox.json shows every rule at least once, except those that need a huge or rowless file', () => {
  const { diagnostics } = diagnosticsOf('examples/mistakes.labelbox.json');
  const reported = new Set(diagnostics.map((d) => d.code));
  const missing = (Object.keys(RULES) as RuleCode[]).filter((code) => !NOT_IN_MISTAKES.includes(code) && !reported.has(code));
  assert.deepEqual(missing, []);
  for (const code of NOT_IN_MISTAKES) assert.ok(!reported.has(code), `${code} is not expected in the mistakes file`);
});

test('the rules left out of the mistakes file are shown elsewhere', () => {
  const { diagnostics } = diagnosticsOf('test/fixtures/schema/invalid/root-object.json');
  assert.ok(diagnostics.some((d) => d.code === 'root-not-array'));
  const limits = readFileSync(join(repo, 'test/unit/limits.test.ts'), 'utf8');
  assert.match(limits, /expectProblem\(doc, 'too-many-rows'/);
  assert.match(limits, /expectProblem\(doc, 'too-many-problems'/);
  assert.match(readFileSync(join(repo, 'test/unit/globalKeyInLabelbox.test.ts'), 'utf8'), /expectProblem\(doc, 'global-key-exists-in-labelbox'/);
  const signed = readFileSync(join(repo, 'test/unit/signedUrlRules.test.ts'), 'utf8');
  assert.match(signed, /expectProblem\(doc, 'signed-url-expiring-soon'/);
});
