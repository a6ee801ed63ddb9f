import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  collectDiagnostics,
  createValidationContext,
  ImportDocument,
  MetadataCatalog,
  parseMetadataSchema,
  RULES,
  type ImportDiagnostic,
  type Severity,
  type MetadataField,
} from '../../service';
import { boundedEditDistance, editDistance } from '../../service/text/suggest';

/** Metadata entries checked against an organization's schema (the API answer in the fixture). */

const parsed = parseMetadataSchema(readFileSync(resolve(__dirname, '../fixtures/metadata/ontology-answer.json'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.error);
const ORG = createValidationContext(new MetadataCatalog(parsed.fields, { source: '.labelbox/metadata-schema.json' }));
const NO_ORG = createValidationContext();
/** Without the organization's schema an unknown field may exist: the rule's default severity, never an error. */
const UNKNOWN_DEFAULT: Severity = RULES['unknown-metadata-field'].severity;

const CAMERA = 'clrw3camera0000f8l1aa2b3c';
const ALTITUDE = 'clrw3altitude000f8l1dd4e5';
const FLOWN_AT = 'clrw3flightdt000f8l1ff6g7';
const WEATHER = 'clrw3weather0000f8l1hh8i9';
const SUNNY = 'clrw3sunny000000f8l1jj0k1';
const RAIN = 'clrw3rain0000000f8l1nn4o5';
const TRAIN = 'cko8sbscr0003h2dk04w86hof';

/** The metadata problems of one current-format row with these entries, with the text each covers. */
function check(entries: unknown[], context = ORG): Array<ImportDiagnostic & { text: string }> {
  const text = JSON.stringify([{ row_data: 'https://example.com/a.jpg', global_key: 'a.jpg', media_type: 'IMAGE', metadata_fields: entries }], null, 1);
  const document = new ImportDocument(text, context);
  return collectDiagnostics(document)
    .filter((diagnostic) => diagnostic.code.includes('metadata'))
    .map((diagnostic) => ({ ...diagnostic, text: text.slice(diagnostic.offset, diagnostic.offset + diagnostic.length) }));
}

function fixText(problem: ImportDiagnostic): string | undefined {
  const fix = problem.fixes?.[0];
  return fix && 'text' in fix ? fix.text : undefined;
}

function only(entries: unknown[], context = ORG) {
  const problems = check(entries, context);
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 1));
  return problems[0];
}

test('valid entries of every kind, by name and by id, give no problem', () => {
  assert.deepEqual(
    check([
      { name: 'camera', value: 'DJI Mavic 3' },
      { schema_id: ALTITUDE, value: 120.5 },
      { name: 'flown_at', value: '2024-05-02T07:45:10Z' },
      { name: 'weather', value: 'sunny' },
      { name: 'split', value: TRAIN },
    ]),
    [],
  );
  assert.deepEqual(check([{ schema_id: WEATHER, value: RAIN }]), []);
  assert.deepEqual(check([{ name: 'weather', value: RAIN }]), []);
});

test('an unknown name is an error with the org schema, with "did you mean" and a fix', () => {
  const problem = only([{ name: 'wether', value: 'sunny' }]);
  assert.equal(problem.code, 'unknown-metadata-field');
  assert.equal(problem.severity, 'error');
  assert.equal(problem.text, '"wether"');
  assert.match(
    problem.message,
    /No metadata field is named "wether"\. Did you mean "weather"\? It is neither reserved nor in your organization's metadata schema \(\.labelbox\/metadata-schema\.json\)\./,
  );
  assert.deepEqual(problem.fixes, [{ kind: 'replace', title: 'Change to "weather"', text: '"weather"' }]);
});

test("without the org schema an unknown custom field is not an error: the rule's default severity", () => {
  const problem = only([{ name: 'weather', value: 'sunny' }], NO_ORG);
  assert.equal(problem.severity, UNKNOWN_DEFAULT);
  assert.notEqual(problem.severity, 'error');
  assert.match(problem.message, /add the organization's metadata schema/);
  const byId = only([{ schema_id: WEATHER, value: SUNNY }], NO_ORG);
  assert.equal(byId.severity, UNKNOWN_DEFAULT);
  // Values of fields it does not know are not judged.
  assert.deepEqual(check([{ name: 'split', value: 'train' }], NO_ORG), []);
});

test('a broken schema file is named in the message of an unknown field', () => {
  const broken = createValidationContext(
    new MetadataCatalog(undefined, { source: 'org/schema.json', problem: 'The file is not valid JSON: line 1, column 2.' }),
  );
  const problem = only([{ name: 'weather', value: 'sunny' }], broken);
  assert.equal(problem.severity, UNKNOWN_DEFAULT);
  assert.match(problem.message, /your organization's metadata schema \(org\/schema\.json\) cannot be used: The file is not valid JSON: line 1, column 2\./);
});

test('an unknown schema id: a typo gets "did you mean" with the field name, a name in schema_id is pointed out', () => {
  const typo = only([{ schema_id: 'clrw3weather0000f8l1hh8i8', value: SUNNY }]);
  assert.equal(typo.severity, 'error');
  assert.match(typo.message, /No metadata field has the schema id "clrw3weather0000f8l1hh8i8"\. Did you mean "clrw3weather0000f8l1hh8i9" \(weather\)\?/);
  assert.deepEqual(typo.fixes?.[0], { kind: 'replace', title: `Change to "${WEATHER}"`, text: JSON.stringify(WEATHER) });
  const unrelated = only([{ schema_id: 'czzzzzzzzzzzzzzzzzzzzzzzz', value: 'x' }]);
  assert.doesNotMatch(unrelated.message, /Did you mean/);
  // Certain whatever the schema: an error even without it.
  const name = only([{ schema_id: 'split', value: TRAIN }], NO_ORG);
  assert.equal(name.severity, 'error');
  assert.match(
    name.message,
    /"split" is the name of a metadata field, not a schema id\. Write "name": "split" instead, or use its id "cko8sbczn0002h2dkdaxb5kal"\./,
  );
});

test('an id in "name", or an option name in "name", is pointed out', () => {
  const id = only([{ name: CAMERA, value: 'x' }]);
  assert.equal(id.severity, 'error');
  assert.match(id.message, /is the schema id of the field "camera", not a name\. Write "schema_id"/);
  assert.deepEqual(id.fixes?.[0], { kind: 'replace', title: 'Change to "camera"', text: '"camera"' });
  const option = only([{ name: 'rain', value: 'rain' }]);
  assert.match(option.message, /"rain" is an option of the field "weather", not a field\. Write "name": "weather" and "value": "rain"\./);
});

test('an option id in schema_id says which field it belongs to', () => {
  const problem = only([{ schema_id: SUNNY, value: 'x' }]);
  assert.equal(problem.code, 'invalid-metadata-value');
  assert.match(problem.message, /the id of the option "sunny" of the field "weather", not of a field/);
  assert.deepEqual(fixText(problem), JSON.stringify(WEATHER));
});

test('a number field wants a JSON number; a quoted number is a warning (the SDK converts it with float()) with a fix', () => {
  const quoted = only([{ name: 'altitude_m', value: '120' }]);
  assert.equal(quoted.code, 'invalid-metadata-value');
  assert.equal(quoted.severity, 'warning');
  assert.match(
    quoted.message,
    /"altitude_m" is a number field and this is a string\. Labelbox's Python SDK converts it \(float\(\)\); the web app's upload is not confirmed to\. Write it as a JSON number\./,
  );
  assert.deepEqual(fixText(quoted), '120');
  const word = only([{ schema_id: ALTITUDE, value: 'high' }]);
  assert.equal(word.severity, 'error');
  assert.match(word.message, /"altitude_m" is a number field: its value must be a number\./);
  assert.match(only([{ name: 'altitude_m', value: [1] }]).message, /must be a number/);
});

test('a string field wants a string of at most 4096 characters (a warning: SDK 7.2.0 stopped checking)', () => {
  assert.match(only([{ name: 'camera', value: 3 }]).message, /"camera" is a text field: its value must be a string\./);
  const long = only([{ name: 'camera', value: 'x'.repeat(4097) }]);
  assert.equal(long.severity, 'warning');
  assert.match(long.message, /at most 4,096 characters per the docs; this one has 4,097/);
  assert.deepEqual(check([{ name: 'camera', value: 'x'.repeat(4096) }]), []);
});

test('a datetime field wants ISO 8601; an offset other than UTC is a warning with the UTC time', () => {
  const word = only([{ schema_id: FLOWN_AT, value: 'yesterday' }]);
  assert.equal(word.severity, 'error');
  assert.match(word.message, /"flown_at" needs an ISO 8601 date-time in UTC.*is not a date/);
  assert.match(only([{ name: 'flown_at', value: '2024-02-30T10:00:00Z' }]).message, /is not one/);
  assert.match(only([{ name: 'flown_at', value: 1714635910 }]).message, /its value must be an ISO 8601 string/);
  const offset = only([{ name: 'flown_at', value: '2024-05-02T09:45:10+02:00' }]);
  assert.equal(offset.severity, 'warning');
  assert.match(offset.message, /In UTC it is "2024-05-02T07:45:10Z"/);
  assert.deepEqual(check([{ name: 'flown_at', value: '2024-05-02' }]), []);
  assert.deepEqual(check([{ name: 'flown_at', value: '2024-05-02 07:45:10' }]), []);
});

test('enum by name: the option name or id; an unknown option gets "did you mean"', () => {
  assert.deepEqual(check([{ name: 'weather', value: 'cloudy' }]), []);
  const typo = only([{ name: 'weather', value: 'sunnny' }]);
  assert.match(typo.message, /"weather" has no option "sunnny"\. Did you mean "sunny"\? Its options are "sunny", "cloudy" or "rain"\./);
  assert.deepEqual(fixText(typo), '"sunny"');
  assert.match(only([{ name: 'weather', value: 2 }]).message, /its value must be the id or the name of one of its options/);
});

test('enum by schema_id: the value must be the option id, never its name (docs/import-format.md)', () => {
  const byName = only([{ schema_id: WEATHER, value: 'rain' }]);
  assert.match(byName.message, /When the field is given by schema id, the value must be the option's id: "clrw3rain0000000f8l1nn4o5" for "rain"\./);
  assert.deepEqual(fixText(byName), JSON.stringify(RAIN));
  const typo = only([{ schema_id: WEATHER, value: 'sunnny' }]);
  // The fix offers the id, because only ids work here.
  assert.deepEqual(fixText(typo), JSON.stringify(SUNNY));
  assert.match(only([{ schema_id: WEATHER, value: 2 }]).message, /its value must be the id of one of its options\./);
});

test('an option id of another field is named as such', () => {
  const problem = only([{ name: 'weather', value: TRAIN }]);
  assert.match(problem.message, /is the id of the option "train" of another field, "split"\. "weather" has the options "sunny", "cloudy" or "rain"\./);
});

test('a text field twice in a row, by name or by id, is an error pointing at the first; an enum takes several options', () => {
  const twice = only([
    { name: 'camera', value: 'DJI Mavic 3' },
    { schema_id: CAMERA, value: 'DJI Mini 4' },
  ]);
  assert.equal(twice.code, 'duplicate-metadata-field');
  assert.equal(twice.severity, 'error');
  assert.equal(twice.text, JSON.stringify(CAMERA));
  assert.match(twice.message, /The text field "camera" is already set in this row/);
  assert.equal(twice.related?.[0]?.message, 'First set here');
  // Options of one enum field, by name and by id: several options can be imported.
  assert.deepEqual(
    check([
      { name: 'weather', value: 'sunny' },
      { schema_id: WEATHER, value: RAIN },
    ]),
    [],
  );
  const sameOption = only([
    { name: 'weather', value: 'sunny' },
    { schema_id: WEATHER, value: SUNNY },
  ]);
  assert.equal(sameOption.severity, 'warning');
  assert.match(sameOption.message, /The enum field "weather" gets the same option twice/);
  // Two different fields are fine, and so is one field in two rows.
  assert.deepEqual(
    check([
      { name: 'weather', value: 'sunny' },
      { name: 'camera', value: 'x' },
    ]),
    [],
  );
});

test('legacy metadataFields entries are checked by schemaId against the org schema', () => {
  const text = JSON.stringify([
    {
      externalId: 'a',
      imageUrl: 'https://example.com/a.jpg',
      metadataFields: [
        { schemaId: ALTITUDE, value: 'high' },
        { schemaId: 'camera', value: 'x' },
      ],
    },
  ]);
  const problems = collectDiagnostics(new ImportDocument(text, ORG)).filter((diagnostic) => diagnostic.code.includes('metadata'));
  assert.deepEqual(problems.map((problem) => problem.code).sort(), ['invalid-metadata-value', 'unknown-metadata-field']);
  assert.ok(
    problems.some((problem) => /"camera" is the name of a metadata field, not a schema id\. Its id is "clrw3camera0000f8l1aa2b3c"\./.test(problem.message)),
  );
});

test('setContext re-checks every row with the new schema', () => {
  const text = JSON.stringify([{ row_data: 'https://example.com/a.jpg', metadata_fields: [{ name: 'weather', value: 'snow' }] }]);
  const document = new ImportDocument(text, NO_ORG);
  const before = collectDiagnostics(document).filter((diagnostic) => diagnostic.code.includes('metadata'));
  assert.deepEqual(
    before.map((problem) => [problem.code, problem.severity]),
    [['unknown-metadata-field', UNKNOWN_DEFAULT]],
  );
  document.setContext(ORG);
  const after = collectDiagnostics(document).filter((diagnostic) => diagnostic.code.includes('metadata'));
  assert.deepEqual(
    after.map((problem) => [problem.code, problem.severity]),
    [['invalid-metadata-value', 'error']],
  );
});

test('boundedEditDistance agrees with editDistance up to its bound', () => {
  const alphabet = 'abc';
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const word = () => Array.from({ length: Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  for (let i = 0; i < 3000; i++) {
    const a = word();
    const b = word();
    const max = Math.floor(random() * 4);
    const exact = editDistance(a, b);
    assert.equal(boundedEditDistance(a, b, max), exact <= max ? exact : max + 1, `${a} / ${b} / ${max}`);
  }
});

test('unknown ids and names against a 500-field schema: thousands of distinct misspellings stay fast', () => {
  const fields: MetadataField[] = Array.from({ length: 500 }, (_, i) => ({
    id: `clrw3f${String(i).padStart(6, '0')}0000f8l1aa2b3c`,
    name: `field_${i}`,
    kind: 'string',
    reserved: false,
    options: [],
  }));
  const context = createValidationContext(new MetadataCatalog(fields));
  const rows = Array.from({ length: 1500 }, (_, i) => ({
    row_data: `https://example.com/${i}.jpg`,
    global_key: `k${i}`,
    media_type: 'IMAGE',
    // Every row a different unknown id and name, so no answer can be remembered.
    metadata_fields: [
      { schema_id: `cxxx${String(i).padStart(6, '0')}0000f8l1aa2b3c`, value: 'x' },
      { name: `unknown_${i}`, value: 'x' },
    ],
  }));
  const started = performance.now();
  const problems = collectDiagnostics(new ImportDocument(JSON.stringify(rows), context), { maxProblems: 10_000 });
  const elapsed = performance.now() - started;
  assert.equal(problems.filter((problem) => problem.code === 'unknown-metadata-field').length, 3000);
  // The unbounded searches took about 25 ms per row (over a minute for this file); now a
  // misspelt field costs about what any other problem does. Generous for a busy machine.
  assert.ok(elapsed < 20_000, `${Math.round(elapsed)} ms`);
});

test('setContext gives exactly the problems of a fresh check with the new schema, syntax problems and all', () => {
  const text = `[
  { "row_data": "https://example.com/a.jpg", "metadata_fields": [{ "name": "weather", "value": "snow" }] },
  { "row_data": "https://example.com/b.jpg", "row_data": "x", "metadata_fields": [{ "name": "camera", "value": 3 }] },
  { "row_data": "https://example.com/c.jpg", "metadata_fields": [{ "name": "altitude_m", "value": 12 }] }
  { "row_data": "https://example.com/d.jpg", "metadata_fields": [{ "schema_id": "${WEATHER}", "value": "rain" },] },
  { "row_data": "https://example.com/e.jpg", "global_key": "a", "metadata_fields": [{ "name": "tag", "value": "x" }] }
]`;
  const strip = (diagnostics: ImportDiagnostic[]) =>
    diagnostics.map(({ offset, length, code, severity, message }) => ({ offset, length, code, severity, message }));
  const switched = new ImportDocument(text, NO_ORG);
  switched.setContext(ORG);
  const fresh = strip(collectDiagnostics(new ImportDocument(text, ORG)));
  assert.deepEqual(strip(collectDiagnostics(switched)), fresh);
  assert.ok(
    fresh.some((d) => d.code === 'json-syntax') && fresh.some((d) => d.code === 'duplicate-key') && fresh.some((d) => d.code === 'invalid-metadata-value'),
  );
  // And back.
  switched.setContext(NO_ORG);
  assert.deepEqual(strip(collectDiagnostics(switched)), strip(collectDiagnostics(new ImportDocument(text, NO_ORG))));
});
