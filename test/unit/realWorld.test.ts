import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  collectDiagnostics,
  createValidationContext,
  ImportDocument,
  LineIndex,
  MetadataCatalog,
  parseMetadataSchema,
  RULES,
  type ImportDiagnostic,
  type RuleCode,
} from '../../service';
import { MEDIA_TYPES } from '../../common/mediaTypes';
import { RESERVED_FIELDS } from '../../service/metadata/reservedFields';
import schema from '../../schemas/data-row-import.schema.json';

/**
 * The real-world fixtures (test/fixtures/real-world, see its SOURCES.md): import files shaped
 * after payloads in Labelbox's own SDK tests, notebooks and docs pages. Each must produce
 * exactly the problems its entry in expected.json lists, consistent with what Labelbox does
 * with it; and together they must exercise every rule and cover the format.
 */

const folder = join(import.meta.dirname, '..', 'fixtures', 'real-world');
const read = (name: string) => readFileSync(join(folder, name), 'utf8');

type Verdict = 'accepts' | 'rejects' | 'disputed';
interface Source {
  shapedAfter: string;
  verdict: Verdict;
  evidence: string;
}
interface Expectation {
  metadataSchema?: string;
  problems: string[];
}

/** The rows of SOURCES.md's table, by file name. */
function readSources(): Map<string, Source> {
  const sources = new Map<string, Source>();
  for (const line of read('SOURCES.md').split('\n')) {
    const cells = /^\| `([^`]+\.json)` \|(.*)\|$/.exec(line);
    if (!cells) continue;
    const [shapedAfter, , verdict, evidence] = cells[2].split(' | ').map((cell) => cell.trim());
    assert.ok(['accepts', 'rejects', 'disputed'].includes(verdict), `${cells[1]}: verdict "${verdict}"`);
    sources.set(cells[1], { shapedAfter, verdict: verdict as Verdict, evidence });
  }
  return sources;
}

const SOURCES = readSources();

/**
 * The moment signed URLs are judged at: fixed, named in SOURCES.md, so that the expected
 * problems of a file with signed URLs do not change with the date the tests run.
 */
const JUDGED_AT = Date.parse(/judged as of `([^`]+)`/.exec(read('SOURCES.md'))?.[1] ?? '');
assert.ok(Number.isFinite(JUDGED_AT), 'SOURCES.md names the moment signed URLs are judged at');
const EXPECTED = new Map(Object.entries(JSON.parse(read('expected.json')) as Record<string, Expectation>));
const FIXTURES = readdirSync(folder)
  .filter((name) => name.endsWith('.json') && name !== 'expected.json' && name !== 'metadata-schema.json')
  .sort();

const organizationSchema = parseMetadataSchema(read('metadata-schema.json'));
assert.ok(organizationSchema.ok);

function check(name: string): ImportDiagnostic[] {
  const expectation = EXPECTED.get(name);
  const catalog =
    expectation?.metadataSchema && organizationSchema.ok
      ? new MetadataCatalog(organizationSchema.fields, { source: expectation.metadataSchema })
      : new MetadataCatalog();
  return collectDiagnostics(new ImportDocument(read(name), createValidationContext(catalog)), { now: JUDGED_AT });
}

function described(name: string, diagnostics: readonly ImportDiagnostic[]): string[] {
  const lines = new LineIndex(read(name));
  return diagnostics.map((d) => {
    const at = lines.positionAt(d.offset);
    return `${at.line + 1}:${at.character + 1} ${d.severity} ${d.code}`;
  });
}

const REPORTED = new Map(FIXTURES.map((name) => [name, check(name)]));

test('at least 30 real-world files, each with its source in SOURCES.md and its problems in expected.json', () => {
  assert.ok(FIXTURES.length >= 30, `${FIXTURES.length} files`);
  assert.deepEqual([...SOURCES.keys()].sort(), FIXTURES, 'SOURCES.md lists exactly the files of the folder');
  assert.deepEqual([...EXPECTED.keys()].sort(), FIXTURES, 'expected.json lists exactly the files of the folder');
});

/** A docs page of Labelbox, or a file of Labelbox's SDK or notebooks repository at a commit. */
const PUBLIC_SOURCE =
  /\]\((https:\/\/(docs\.)?labelbox\.com\/[^)\s]+|https:\/\/github\.com\/Labelbox\/labelbox-(python|notebooks)\/blob\/[0-9a-f]{40}\/[^)\s]+)\)/;

test('every file names where its shape comes from: a Labelbox docs page, or an SDK or notebook file at a commit', () => {
  for (const [name, source] of SOURCES) assert.match(source.shapedAfter, PUBLIC_SOURCE, name);
});

for (const name of FIXTURES) {
  test(`${name}: exactly the expected problems, consistent with what Labelbox does with it`, () => {
    const diagnostics = REPORTED.get(name)!;
    assert.deepEqual(described(name, diagnostics), EXPECTED.get(name)?.problems);
    assert.doesNotThrow(() => JSON.parse(read(name)), 'a real-world file is valid JSON');
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    const { verdict, evidence } = SOURCES.get(name)!;
    switch (verdict) {
      case 'accepts':
        assert.equal(errors + warnings, 0, 'Labelbox accepts it: information at most');
        break;
      case 'rejects':
        assert.ok(errors > 0, 'Labelbox rejects it: at least one error');
        assert.ok(evidence.length > 10, 'the evidence of the rejection is given');
        break;
      case 'disputed':
        assert.equal(errors, 0, 'not known to be rejected: no error');
        assert.ok(warnings > 0, 'at least one warning');
        break;
    }
  });
}

/**
 * Rules no Labelbox source can show, each with why. Their unit tests (test/unit) show them
 * on synthetic files.
 */
const EXEMPT = new Map<RuleCode, string>([
  ['json-syntax', 'Invalid JSON is not a payload shape of any Labelbox source; syntax.test.ts covers it.'],
  ['duplicate-key', 'A repeated key is a JSON matter no Labelbox payload shows; syntax.test.ts covers it.'],
  ['data-url', 'No Labelbox source mentions data: URLs at all; urls.test.ts covers the rule.'],
  ['too-many-rows', 'Needs more than 150,000 rows (a file of about 100 MB); limits.test.ts covers it.'],
  ['too-many-problems', "About this tool's own cap, not about Labelbox; limits.test.ts covers it."],
  ['global-key-exists-in-labelbox', "Needs an answer of Labelbox's API about the organization, not a file; globalKeyInLabelbox.test.ts covers it."],
  ...(
    [
      'asset-not-found',
      'asset-access-denied',
      'asset-expired',
      'asset-timeout',
      'asset-tls-error',
      'asset-unreachable',
      'asset-insecure-redirect',
      'asset-content-type',
      'asset-cors-missing',
      'asset-server-error',
      'asset-rate-limited',
      'asset-http-error',
    ] as const
  ).map((code): [RuleCode, string] => [
    code,
    "Needs a server's answer (the asset access check); accessChecker.test.ts and assetAccessProblems.test.ts cover it.",
  ]),
  ['signed-url-lifetime-too-long', 'No Labelbox or storage service example signs for more than 7 days; signedUrlRules.test.ts covers it.'],
  ['signed-url-not-yet-valid', "The providers' examples with a start (Microsoft Learn's st) are judged after it; signedUrlRules.test.ts covers it."],
  ['signed-url-malformed-expiry', 'No Labelbox or storage service example has an unreadable expiry; signedUrlRules.test.ts covers it.'],
  ['global-key-in-other-file', 'Needs two import files; one real-world file cannot show it. workspaceKeys.test.ts and test/cli/crossFile.test.ts cover it.'],
  ['global-key-already-imported', 'Needs two import files, one marked as imported; workspaceKeys.test.ts and test/cli/crossFile.test.ts cover it.'],
]);

test('every rule is exercised by a real-world file (an error rule as an error, in a file Labelbox rejects), except the explicit exemptions', () => {
  const reported = new Set<string>();
  const rejectedAsErrors = new Set<string>();
  for (const [name, diagnostics] of REPORTED) {
    for (const d of diagnostics) {
      reported.add(d.code);
      if (d.severity === 'error' && SOURCES.get(name)?.verdict === 'rejects') rejectedAsErrors.add(d.code);
    }
  }
  const codes = Object.keys(RULES) as RuleCode[];
  assert.deepEqual(
    codes.filter((code) => !EXEMPT.has(code) && !reported.has(code)),
    [],
    'rules no real-world file exercises',
  );
  assert.deepEqual(
    codes.filter((code) => !EXEMPT.has(code) && RULES[code].severity === 'error' && !rejectedAsErrors.has(code)),
    [],
    'error rules never shown as an error on a file Labelbox rejects',
  );
  // An exemption must be needed: a rule a real-world file shows is not exempt.
  assert.deepEqual(
    [...EXEMPT.keys()].filter((code) => reported.has(code)),
    [],
  );
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every data row object of the files Labelbox accepts or disputes (the rows users may copy as they are). */
function usableRows(): Array<{ [key: string]: Json }> {
  return FIXTURES.filter((name) => SOURCES.get(name)?.verdict !== 'rejects').flatMap((name) => {
    const value = JSON.parse(read(name)) as Json;
    return Array.isArray(value) ? value.filter((row): row is { [key: string]: Json } => typeof row === 'object' && row !== null && !Array.isArray(row)) : [];
  });
}

test('the files cover every media type and attachment type, metadata by name and id, reserved and custom, embeddings and both formats', () => {
  const rows = usableRows();
  const mediaTypes = new Set(rows.map((row) => row.media_type));
  assert.deepEqual(
    MEDIA_TYPES.filter((type) => !mediaTypes.has(type)),
    [],
    'media types',
  );
  const attachments = rows.flatMap((row) => (Array.isArray(row.attachments) ? row.attachments : [])) as Array<{ type?: Json }>;
  const attachmentTypes = new Set(attachments.map((attachment) => attachment.type));
  const documentedTypes = schema.definitions.attachment.properties.type.enum;
  assert.deepEqual(
    documentedTypes.filter((type) => !attachmentTypes.has(type)),
    [],
    'attachment types',
  );
  const entries = rows.flatMap((row) => (Array.isArray(row.metadata_fields) ? row.metadata_fields : [])) as Array<{ name?: Json; schema_id?: Json }>;
  const reservedNames = new Set(RESERVED_FIELDS.map((field) => field.name));
  const reservedIds = new Set(RESERVED_FIELDS.map((field) => field.id));
  assert.ok(
    entries.some((entry) => typeof entry.name === 'string' && reservedNames.has(entry.name)),
    'a reserved field by name',
  );
  assert.ok(
    entries.some((entry) => typeof entry.schema_id === 'string' && reservedIds.has(entry.schema_id)),
    'a reserved field by id',
  );
  assert.ok(organizationSchema.ok);
  const custom = new Set(organizationSchema.fields.filter((field) => !field.reserved).map((field) => field.name));
  assert.ok(
    entries.some((entry) => typeof entry.name === 'string' && custom.has(entry.name)),
    'a custom field by name',
  );
  assert.ok(
    rows.some((row) => Array.isArray(row.embeddings) && row.embeddings.length > 0),
    'embeddings',
  );
  assert.ok(
    rows.some((row) => 'row_data' in row),
    'the current format',
  );
  assert.ok(
    rows.some((row) => 'imageUrl' in row || 'conversationalData' in row || 'tileLayerUrl' in row),
    'the legacy format',
  );
});
