import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { StatusParams } from '../../common/protocol';
import { RULES } from '../../service/rules';
import { TestLspClient } from '../support/lspClient';

/**
 * The organization's metadata schema in the language server: read per workspace folder,
 * watched, and used for the diagnostics of open import files.
 */

const ANSWER = resolve(__dirname, '../fixtures/metadata/ontology-answer.json');
const root = mkdtempSync(join(tmpdir(), 'labelbox-lsp-metadata-'));
const WATCH_CHANGE = { created: 1, changed: 2, deleted: 3 } as const;
/** The issue's promise: a schema change shows in the open files within a second. */
const WITHIN = 1000;
/** Without a schema an unknown field may exist: the rule's default severity (LSP numbering), not an error. */
const UNKNOWN_DEFAULT = { error: 1, warning: 2, information: 3, hint: 4 }[RULES['unknown-metadata-field'].severity];

const ROWS = `[
  { "row_data": "https://example.com/a.jpg", "global_key": "a", "media_type": "IMAGE",
    "metadata_fields": [{ "name": "wether", "value": "sunny" }, { "name": "altitude_m", "value": "twelve" }] }
]`;

const CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
  textDocument: { publishDiagnostics: { relatedInformation: true } },
};

function write(path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

const uriOf = (path: string) => URI.file(join(root, path)).toString();
const folder = (name: string) => ({ uri: uriOf(name), name });
const metadataProblems = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => String(d.code).includes('metadata'));
/** [code, severity] of each metadata problem; severity 1 is error. */
const summary = (diagnostics: Diagnostic[]) => metadataProblems(diagnostics).map((d) => [d.code, d.severity]);

/** Waits, at most `WITHIN` ms, for the document's published metadata problems to satisfy `check`. */
async function changedDiagnostics(client: TestLspClient, uri: string, check: (diagnostics: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
  return client.waitFor(
    () => {
      const diagnostics = client.latestDiagnostics(uri);
      return diagnostics && check(diagnostics) ? diagnostics : undefined;
    },
    WITHIN,
    what,
  );
}

function lastStatus(client: TestLspClient, uri: string): StatusParams | undefined {
  return client.notifications
    .filter((n) => n.method === 'labelboxImport/status' && (n.params as StatusParams).uri === uri)
    .map((n) => n.params as StatusParams)
    .at(-1);
}

cpSync(ANSWER, join(root, 'alpha/.labelbox/metadata-schema.json'), { recursive: true });
write('beta/.labelbox/metadata-schema.json', JSON.stringify([{ id: 'clrw3wether00000f8l1aa2b3c', name: 'wether', kind: 'CustomMetadataString' }]));

let client: TestLspClient;
before(async () => {
  client = await TestLspClient.start({ capabilities: CAPABILITIES, workspaceFolders: [folder('alpha'), folder('beta')] });
});
after(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

test('with the schema file, custom fields are checked: unknown names are errors, values are checked', async () => {
  const uri = uriOf('alpha/data/rows.labelbox.json');
  client.open(uri, ROWS);
  const problems = metadataProblems(await client.diagnosticsFor(uri));
  assert.deepEqual(summary(problems), [
    ['unknown-metadata-field', 1],
    ['invalid-metadata-value', 1],
  ]);
  assert.match(
    String(problems[0].message),
    /No metadata field is named "wether"\. Did you mean "weather"\? It is neither reserved nor in your organization's metadata schema \(alpha\/\.labelbox\/metadata-schema\.json\)\./,
  );
  assert.match(String(problems[1].message), /"altitude_m" is a number field/);
  const status = await client.waitFor(() => lastStatus(client, uri), 2000, 'status');
  assert.equal(status.metadataSchema, 'alpha/.labelbox/metadata-schema.json (4 custom fields)');
  assert.equal(status.metadataSchemaProblem, undefined);
});

test('multi-root: each folder uses its own schema file', async () => {
  const uri = uriOf('beta/rows.labelbox.json');
  client.open(uri, ROWS);
  const problems = metadataProblems(await client.diagnosticsFor(uri));
  // beta knows "wether" (a text field) but not altitude_m.
  assert.deepEqual(summary(problems), [['unknown-metadata-field', 1]]);
  assert.match(String(problems[0].message), /No metadata field is named "altitude_m"/);
});

test("the server asks the client to watch each folder's schema file", async () => {
  const registration = await client.waitFor(
    () => client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').at(-1),
    2000,
    'watcher registration',
  );
  const watchers = (registration.registerOptions as { watchers: Array<{ globPattern: { baseUri: string; pattern: string } }> }).watchers;
  assert.deepEqual(
    watchers.map((w) => w.globPattern),
    [
      { baseUri: uriOf('alpha'), pattern: '.labelbox/metadata-schema.json' },
      { baseUri: uriOf('beta'), pattern: '.labelbox/metadata-schema.json' },
    ],
  );
});

test('deleting, creating and breaking the schema file re-checks the open files within a second', async () => {
  const uri = uriOf('alpha/data/rows.labelbox.json');
  const schema = join(root, 'alpha/.labelbox/metadata-schema.json');
  const schemaUri = URI.file(schema).toString();
  const otherUri = uriOf('beta/rows.labelbox.json');
  // Each opened file is published again once its settings arrive; let that settle first.
  await new Promise((r) => setTimeout(r, 300));
  const statusCount = (uriToCount: string) =>
    client.notifications.filter((n) => n.method === 'labelboxImport/status' && (n.params as StatusParams).uri === uriToCount).length;
  const otherBefore = statusCount(otherUri);

  rmSync(schema);
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: schemaUri, type: WATCH_CHANGE.deleted }] });
  const withoutSchema = await changedDiagnostics(
    client,
    uri,
    (d) => summary(d).every(([, severity]) => severity === UNKNOWN_DEFAULT) && metadataProblems(d).length === 2,
    'no errors after deleting',
  );
  assert.match(String(metadataProblems(withoutSchema)[0].message), /if it is one of your organization's custom fields, add the organization's metadata schema/);
  await client.waitFor(() => (lastStatus(client, uri)?.metadataSchema === undefined ? true : undefined), WITHIN, 'status without a schema');

  cpSync(ANSWER, schema);
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: schemaUri, type: WATCH_CHANGE.created }] });
  await changedDiagnostics(
    client,
    uri,
    (d) =>
      JSON.stringify(summary(d)) ===
      JSON.stringify([
        ['unknown-metadata-field', 1],
        ['invalid-metadata-value', 1],
      ]),
    'errors after creating',
  );

  writeFileSync(schema, '{ "data": { "customMetadataOntology": [ { "id": ');
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: schemaUri, type: WATCH_CHANGE.changed }] });
  const broken = await changedDiagnostics(
    client,
    uri,
    (d) => summary(d).every(([, severity]) => severity === UNKNOWN_DEFAULT) && metadataProblems(d).length === 2,
    'no errors after breaking',
  );
  assert.match(
    String(metadataProblems(broken)[0].message),
    /your organization's metadata schema \(alpha\/\.labelbox\/metadata-schema\.json\) cannot be used: The file is not valid JSON/,
  );
  const status = await client.waitFor(
    () => (lastStatus(client, uri)?.metadataSchemaProblem ? lastStatus(client, uri) : undefined),
    WITHIN,
    'status with the problem',
  );
  assert.equal(status.metadataSchema, 'alpha/.labelbox/metadata-schema.json');
  assert.match(status.metadataSchemaProblem!, /^The file is not valid JSON: line 1/);

  // The other folder's file was not touched: it was not checked and published again.
  assert.equal(statusCount(otherUri), otherBefore);

  // Fixed again; and the server is still answering.
  cpSync(ANSWER, schema);
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: schemaUri, type: WATCH_CHANGE.changed }] });
  await changedDiagnostics(client, uri, (d) => summary(d).some(([, severity]) => severity === 1), 'errors after fixing');
});

test('an event for a file that did not change re-checks nothing', async () => {
  const uri = uriOf('alpha/data/rows.labelbox.json');
  await new Promise((r) => setTimeout(r, 150));
  const before = client.latestDiagnostics(uri);
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uriOf('alpha/.labelbox/metadata-schema.json'), type: WATCH_CHANGE.changed }],
  });
  // A probe document published after the event shows the event was handled.
  const probe = uriOf('alpha/probe.labelbox.json');
  client.open(probe, '[]');
  await client.diagnosticsFor(probe);
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(client.latestDiagnostics(uri), before);
});

test('the metadataSchema setting, folders added later, and files outside every folder', async () => {
  // gamma has both a file at the configured path and one at the default path.
  write(
    'gamma/config/org.json',
    JSON.stringify({ customMetadataOntology: [{ id: 'clrw3altitude000f8l1dd4e5', name: 'altitude_m', kind: 'CustomMetadataNumber' }] }),
  );
  write('gamma/.labelbox/metadata-schema.json', JSON.stringify([{ id: 'clrw3wether00000f8l1aa2b3c', name: 'wether', kind: 'CustomMetadataString' }]));
  const configured = await TestLspClient.start({
    capabilities: CAPABILITIES,
    workspaceFolders: [folder('alpha')],
    settings: { metadataSchema: 'config/org.json' },
  });
  try {
    const uri = uriOf('gamma/rows.labelbox.json');
    configured.open(uri, ROWS);
    // Outside every folder: the nearest .labelbox/metadata-schema.json above the file (knows "wether").
    const outside = metadataProblems(await configured.diagnosticsFor(uri));
    assert.deepEqual(summary(outside), [['unknown-metadata-field', 1]]);
    assert.match(String(outside[0].message), /"altitude_m"/);
    // Watched: alpha's configured path, and the file found above the outside document.
    const watchers = await configured.waitFor(
      () => {
        const last = configured.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').at(-1);
        const list = (last?.registerOptions as { watchers: Array<{ globPattern: unknown }> } | undefined)?.watchers.map((w) => w.globPattern);
        return list && list.length === 2 ? list : undefined;
      },
      2000,
      'watchers for the configured path and the file found above',
    );
    assert.deepEqual(watchers, [
      { baseUri: uriOf('alpha'), pattern: 'config/org.json' },
      { baseUri: uriOf('gamma'), pattern: '.labelbox/metadata-schema.json' },
    ]);

    // Once gamma is a workspace folder, its setting applies: config/org.json (knows altitude_m).
    void configured.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder('gamma')], removed: [] } });
    const inside = await changedDiagnostics(
      configured,
      uri,
      (d) => metadataProblems(d).some((p) => /"wether"/.test(String(p.message))),
      'the configured schema',
    );
    assert.deepEqual(summary(inside), [
      ['unknown-metadata-field', 1],
      ['invalid-metadata-value', 1],
    ]);
    assert.match(String(metadataProblems(inside)[0].message), /in your organization's metadata schema \(gamma\/config\/org\.json\)/);

    // alpha's configured file does not exist: no org schema there, no errors.
    const alpha = uriOf('alpha/data/rows.labelbox.json');
    configured.open(alpha, ROWS);
    assert.deepEqual(summary(await configured.diagnosticsFor(alpha)), [
      ['unknown-metadata-field', UNKNOWN_DEFAULT],
      ['unknown-metadata-field', UNKNOWN_DEFAULT],
    ]);

    // Back to the default path: gamma's .labelbox/metadata-schema.json (knows "wether", not altitude_m).
    configured.useSettings({});
    void configured.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const reset = await changedDiagnostics(
      configured,
      uri,
      (d) => metadataProblems(d).length === 1 && /"altitude_m"/.test(String(metadataProblems(d)[0].message)),
      'the default schema after the setting changed',
    );
    assert.deepEqual(summary(reset), [['unknown-metadata-field', 1]]);
    // And alpha now has a schema file at the configured path: errors there.
    await changedDiagnostics(configured, alpha, (d) => summary(d).some(([, severity]) => severity === 1), "alpha's schema after the setting changed");
  } finally {
    await configured.stop();
  }
});

test('a metadata schema file opened in the editor is never taken for an import file', async () => {
  // Under a "labelbox" folder, so that the default files pattern **/labelbox/**/*.json matches it.
  const uri = uriOf('alpha/labelbox/.labelbox/metadata-schema.json');
  client.open(uri, JSON.stringify([{ id: 'clrw3camera0000f8l1aa2b3c', name: 'camera', kind: 'CustomMetadataString', global_key: 'x' }]));
  const probe = uriOf('alpha/probe2.labelbox.json');
  client.open(probe, '[]');
  await client.diagnosticsFor(probe);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(client.latestDiagnostics(uri), undefined);
  assert.ok(!client.notifications.some((n) => n.method === 'labelboxImport/importFileDetected' && (n.params as { uri: string }).uri === uri));
});
