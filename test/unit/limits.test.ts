import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../service';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/** too-many-rows, the diagnostics cap (too-many-problems) and severity overrides. */

function rows(count: number, row: (i: number) => string): string {
  const parts: string[] = new Array(count);
  for (let i = 0; i < count; i++) parts[i] = row(i);
  return `[\n${parts.join(',\n')}\n]`;
}

const smallRow = (i: number) => `{"row_data":"https://media.example-lab.org/i/${i}.jpg","global_key":"i/${i}","media_type":"IMAGE"}`;

test('too-many-rows: 150,001 rows are a warning on the opening bracket', () => {
  const doc = marked(`⟦[⟧${rows(150_001, smallRow).slice(1)}`);
  expectProblem(doc, 'too-many-rows', { range: 0, severity: 'warning', message: /150,001 data rows.*at most 150,000/ });
  assert.equal(doc.document.rows.length, 150_001);
});

test('too-many-rows: exactly 150,000 rows are fine', () => {
  // Numbers instead of data rows keep this fast: only the count matters here.
  const doc = marked(rows(150_000, () => '0'));
  assert.equal(doc.document.rows.length, 150_000);
  expectProblem(doc, 'row-not-object');
  expectNoProblem(doc, 'too-many-rows');
});

const s3Row = (i: number) => `{"row_data":"s3://lab-bucket/${i}.jpg","global_key":"s3/${i}","media_type":"IMAGE"}`;

test('too-many-problems: at most maxProblems are listed, then one note counts the rest', () => {
  const doc = marked(`⟦[⟧${rows(30, s3Row).slice(1)}`, { maxProblems: 10 });
  assert.equal(doc.diagnostics.length, 11);
  expectProblemCount(doc, 's3-url', 10);
  const note = expectProblem(doc, 'too-many-problems', { range: 0, severity: 'information', message: '20 more problems are not shown: at most 10 are listed' });
  assert.equal(doc.diagnostics.at(-1), note, 'the note comes last');
});

test('too-many-problems: the most severe problems are kept when the cap cuts', () => {
  // Each row has an info (external_id without global_key) before an error (s3://).
  const doc = marked(
    rows(5, (i) => `{"external_id":"e${i}","row_data":"s3://lab-bucket/${i}.jpg","media_type":"IMAGE"}`),
    { maxProblems: 5 },
  );
  expectProblemCount(doc, 's3-url', 5);
  expectProblemCount(doc, 'missing-global-key', 0);
  expectProblem(doc, 'too-many-problems', { message: '5 more problems are not shown' });
});

test('too-many-problems: no note when the problems fit, and a singular message for one more', () => {
  const fits = marked(rows(3, s3Row), { maxProblems: 3 });
  expectNoProblem(fits, 'too-many-problems');
  expectProblemCount(fits, 's3-url', 3);
  const oneMore = marked(rows(3, s3Row), { maxProblems: 2 });
  expectProblem(oneMore, 'too-many-problems', { message: /^1 more problem is not shown/ });
});

test('too-many-problems: the default cap is 1000', () => {
  const doc = marked(rows(1200, s3Row));
  expectProblemCount(doc, 's3-url', 1000);
  expectProblem(doc, 'too-many-problems', { message: '200 more problems' });
});

test('severity overrides change the severity of one rule and leave the others alone', () => {
  const source = `[\n  { "row_data": ⟦"http://media.example-lab.org/a.jpg"⟧, "external_id": "a", "media_type": "IMAGE" },\n  { "row_data": ⟦"s3://lab-bucket/b.jpg"⟧, "global_key": "b", "media_type": "IMAGE" }\n]`;
  const plain = marked(source);
  expectProblem(plain, 'insecure-url', { range: 0, severity: 'warning' });
  const overridden = marked(source, { severityOverrides: { 'insecure-url': 'error', 's3-url': 'hint' } });
  expectProblem(overridden, 'insecure-url', { range: 0, severity: 'error' });
  expectProblem(overridden, 's3-url', { range: 1, severity: 'hint' });
  expectProblem(overridden, 'missing-global-key', { severity: RULES['missing-global-key'].severity });
});

test("severity overrides: 'off' drops the rule entirely and does not count it for the cap", () => {
  const doc = marked(rows(5, s3Row), { severityOverrides: { 's3-url': 'off' }, maxProblems: 2 });
  expectNoProblem(doc, 's3-url');
  expectNoProblem(doc, 'too-many-problems');
  assert.deepEqual(doc.diagnostics, []);
});

test('severity overrides also apply to file-level rules and move related locations with the row', () => {
  const doc = marked(
    `[\n  { "row_data": "https://media.example-lab.org/a.jpg", "global_key": ⟦"dup"⟧, "media_type": "IMAGE" },\n  { "row_data": "https://media.example-lab.org/b.jpg", "global_key": ⟦"DUP"⟧, "media_type": "IMAGE" }\n]`,
    { severityOverrides: { 'duplicate-global-key': 'warning' } },
  );
  const first = expectProblem(doc, 'duplicate-global-key', { range: 0, severity: 'warning' });
  assert.equal(first.related?.[0].offset, doc.ranges[1].offset);
});

test('severity overrides apply to the too-many-problems note too', () => {
  const warning = marked(rows(5, s3Row), { maxProblems: 2, severityOverrides: { 'too-many-problems': 'warning' } });
  expectProblem(warning, 'too-many-problems', { severity: 'warning', message: '3 more problems' });
  const off = marked(rows(5, s3Row), { maxProblems: 2, severityOverrides: { 'too-many-problems': 'off' } });
  expectNoProblem(off, 'too-many-problems');
  expectProblemCount(off, 's3-url', 2);
});
