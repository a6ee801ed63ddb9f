import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDiagnostics, type LabelboxKeyFinding } from '../../service';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/**
 * global-key-exists-in-labelbox: the rows whose global key Labelbox's API said a data row
 * already has ("Labelbox: Check Global Keys Against Labelbox"). The findings come from the
 * command; here they are given as the server holds them, by key in lower case.
 */

const CHECKED_AT = '2026-12-05T14:02:31.000Z';

function findings(...list: LabelboxKeyFinding[]): Map<string, LabelboxKeyFinding> {
  return new Map(list.map((finding) => [finding.key.toLowerCase(), finding]));
}

const exists = (key: string, dataRowId = 'clx0000000001dr0000000001'): LabelboxKeyFinding => ({ key, state: 'exists', dataRowId, checkedAt: CHECKED_AT });

test('a key Labelbox already has is an error at the key of every row that uses it', () => {
  const doc = marked(
    `[
  { "row_data": "https://example.com/a.jpg", "global_key": ⟦"survey/a.jpg"⟧ },
  { "row_data": "https://example.com/b.jpg", "global_key": "survey/b.jpg" },
  { "row_data": "https://example.com/c.jpg", "global_key": ⟦"Survey/A.JPG"⟧ }
]`,
    { existingInLabelbox: findings(exists('survey/a.jpg')) },
  );
  expectProblem(doc, 'global-key-exists-in-labelbox', {
    range: 0,
    severity: 'error',
    message:
      'Labelbox already has a data row with the global key "survey/a.jpg" (data row clx0000000001dr0000000001; checked 2026-12-05 14:02 UTC). Importing this row fails ("Duplicate global key") unless that data row is deleted first.',
  });
  expectProblem(doc, 'global-key-exists-in-labelbox', {
    range: 1,
    message:
      /^Labelbox already has a data row with the global key "Survey\/A\.JPG" \(checked as "survey\/a\.jpg"; global keys are compared without regard to case\)/,
  });
  expectProblemCount(doc, 'global-key-exists-in-labelbox', 2);
});

test('"access denied" is a warning: the data row may have the key, which the API key may not see', () => {
  const doc = marked(`[{ "row_data": "https://example.com/a.jpg", "global_key": ⟦"survey/a.jpg"⟧ }]`, {
    existingInLabelbox: findings({ key: 'survey/a.jpg', state: 'access-denied', checkedAt: CHECKED_AT }),
  });
  expectProblem(doc, 'global-key-exists-in-labelbox', {
    range: 0,
    severity: 'warning',
    message: /^Labelbox answered "access denied" for the global key "survey\/a\.jpg"/,
  });
});

test('no finding without an answer, for keys Labelbox does not have, or once the row changed its key', () => {
  const text = `[{ "row_data": "https://example.com/a.jpg", "global_key": "survey/a.jpg" }]`;
  expectNoProblem(marked(text), 'global-key-exists-in-labelbox');
  expectNoProblem(marked(text, { existingInLabelbox: findings(exists('survey/z.jpg')) }), 'global-key-exists-in-labelbox');

  const doc = marked(text, { existingInLabelbox: findings(exists('survey/a.jpg')) });
  expectProblemCount(doc, 'global-key-exists-in-labelbox', 1);
  const start = doc.text.lastIndexOf('a.jpg"');
  doc.document.update([{ offset: start, removedLength: 1, text: 'x' }]);
  const after = collectDiagnostics(doc.document, { existingInLabelbox: findings(exists('survey/a.jpg')) });
  assert.deepEqual(
    after.filter((d) => d.code === 'global-key-exists-in-labelbox'),
    [],
  );
});

test('the severity setting applies, and off drops it', () => {
  const text = `[{ "row_data": "https://example.com/a.jpg", "global_key": "survey/a.jpg" }]`;
  const existing = findings(exists('survey/a.jpg'));
  expectProblem(
    marked(text, { existingInLabelbox: existing, severityOverrides: { 'global-key-exists-in-labelbox': 'warning' } }),
    'global-key-exists-in-labelbox',
    {
      severity: 'warning',
    },
  );
  expectNoProblem(
    marked(text, { existingInLabelbox: existing, severityOverrides: { 'global-key-exists-in-labelbox': 'off' } }),
    'global-key-exists-in-labelbox',
  );
});
