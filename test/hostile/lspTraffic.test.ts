import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { ResponseError } from 'vscode-jsonrpc';
import type { TextEdit } from 'vscode-languageserver-protocol';
import type { StatusParams } from '../../common/protocol';
import { SERVER_PATH, TestLspClient } from '../support/lspClient';
import { peakMemoryMegabytes } from './memory';

/**
 * The bundled server over stdio against messages no editor should send and settings a
 * repository may hold: each is logged and answered (or dropped), and the server goes on.
 */

const ROW = '{ "row_data": "https://example.com/a.jpg", "global_key": "a", "media_type": "IMAGE" }';
let client: TestLspClient;
const root = mkdtempSync(join(tmpdir(), 'labelbox-hostile-lsp-'));
before(async () => {
  client = await TestLspClient.start();
});
after(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Asks something real of the server: it still parses, checks and answers. */
async function assertAlive(): Promise<void> {
  const uri = `file:///hostile/alive-${Date.now()}-${Math.random()}.labelbox.json`;
  client.open(uri, `[${ROW.replace('"a"', '"a" , "colour": 1')}]`);
  const diagnostics = await client.diagnosticsFor(uri);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['unknown-property'],
  );
  client.close(uri);
  assert.equal(client.exitCode, undefined, client.stderr);
}

const logged = (pattern: RegExp) => () =>
  client.notifications.some((n) => n.method === 'window/logMessage' && pattern.test((n.params as { message: string }).message)) || undefined;

test('notifications with missing or mistyped fields are logged and dropped', async () => {
  const bad: Array<[string, unknown, RegExp]> = [
    [
      'textDocument/didOpen',
      { textDocument: { uri: 'file:///hostile/no-text.labelbox.json', languageId: 'json', version: 1 } },
      /Ignored textDocument\/didOpen: params\.textDocument\.text is not a string/,
    ],
    ['textDocument/didOpen', { textDocument: { uri: 42, languageId: 'json', version: 1, text: '[]' } }, /params\.textDocument\.uri is not a string/],
    ['textDocument/didOpen', null, /Ignored textDocument\/didOpen: params is not an object/],
    ['textDocument/didChange', { textDocument: { uri: 'file:///x', version: 2 }, contentChanges: 'all' }, /params\.contentChanges is not a list/],
    [
      'textDocument/didChange',
      {
        textDocument: { uri: 'file:///x', version: 2 },
        contentChanges: [{ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
      },
      /contentChanges\[0\]\.range\.start\.line is not a whole number/,
    ],
    ['textDocument/didClose', {}, /params\.textDocument is not an object/],
    ['workspace/didChangeWatchedFiles', { changes: [{ uri: null, type: 1 }] }, /params\.changes\[0\]\.uri is not a string/],
  ];
  for (const [method, params, message] of bad) {
    await client.connection.sendNotification(method, params);
    await client.waitFor(logged(message), 5000, `a log line matching ${message}`);
  }
  await assertAlive();
});

test('requests with missing or mistyped fields are answered InvalidParams, naming the field', async () => {
  const uri = 'file:///hostile/requests.labelbox.json';
  client.open(uri, `[${ROW}]`);
  await client.diagnosticsFor(uri);
  const bad: Array<[string, unknown, RegExp]> = [
    ['textDocument/hover', { textDocument: { uri } }, /params\.position is not an object/],
    ['textDocument/hover', { textDocument: { uri }, position: { line: '0', character: 1 } }, /params\.position\.line is not a whole number/],
    ['textDocument/completion', { textDocument: {}, position: { line: 0, character: 1 } }, /params\.textDocument\.uri is not a string/],
    [
      'textDocument/codeAction',
      { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
      /params\.context is not an object/,
    ],
    [
      'textDocument/formatting',
      { textDocument: { uri }, options: { tabSize: 'wide', insertSpaces: true } },
      /params\.options\.tabSize is not a number of spaces/,
    ],
    ['textDocument/rangeFormatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }, /params\.range is not an object/],
    ['labelboxImport/rowAt', { uri, index: -3 }, /params\.index is not a whole number from 0/],
    ['labelboxImport/gallery', { uri, from: 0, count: 10, filter: { text: 7 } }, /params\.filter\.text is not a string/],
    ['labelboxImport/checkAsImportFile', [], /params is not an object/],
  ];
  for (const [method, params, message] of bad) {
    const error = await client.request(method, params).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof ResponseError, `${method} was answered, not refused`);
    assert.equal(error.code, -32602, method);
    assert.match(error.message, message, method);
  }
  await assertAlive();
});

test('formatting 10,000 nested brackets, or with a tab size of 1e9, is bounded', async () => {
  const deep = 'file:///hostile/deep.labelbox.json';
  client.open(deep, `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
  await client.diagnosticsFor(deep);
  const started = Date.now();
  const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: deep }, options: { tabSize: 4, insertSpaces: true } });
  assert.deepEqual(edits, []);
  await client.waitFor(
    () =>
      client.notifications.find(
        (n) =>
          n.method === 'window/showMessageRequest' && /nested more than 256 levels deep, too deep to format/.test((n.params as { message: string }).message),
      ),
    5000,
    'the message that formatting was refused',
  );
  const wide = 'file:///hostile/wide-tab.labelbox.json';
  client.open(wide, `[${ROW}]`);
  await client.diagnosticsFor(wide);
  const formatted = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: wide }, options: { tabSize: 1e9, insertSpaces: true } });
  // The widest indentation allowed is 32 spaces.
  assert.ok(formatted.length > 0);
  assert.ok(
    formatted.every((edit) => edit.newText.length <= 1 + 2 * 32),
    JSON.stringify(formatted.map((edit) => edit.newText.length)),
  );
  assert.ok(Date.now() - started < 20_000, `formatting took ${Date.now() - started} ms`);
  assert.ok(peakMemoryMegabytes(client.pid) < 1024, `the server used ${peakMemoryMegabytes(client.pid)} MB`);
  await assertAlive();
});

test('a pattern in labelboxImport.files that cannot be used is shown once and ignored', async () => {
  const patterned = await TestLspClient.start({ settings: { files: ['[z-a].json', `${'*a'.repeat(16)}b.json`, '**/*.rows.json'] } });
  try {
    const uri = 'file:///hostile/data/x.rows.json';
    patterned.open(uri, `[${ROW.replace('"a"', '"a", "colour": 1')}]`);
    assert.deepEqual(
      (await patterned.diagnosticsFor(uri)).map((d) => d.code),
      ['unknown-property'],
    );
    const messages = () =>
      patterned.notifications.filter((n) => n.method === 'window/showMessageRequest').map((n) => (n.params as { message: string }).message);
    await patterned.waitFor(() => (messages().length ? true : undefined), 5000, 'a message about the pattern');
    assert.deepEqual(messages(), ['labelboxImport.files: "[z-a].json" has the range "z-a", which is backwards: write "a-z". The pattern is ignored.']);
    const other = `file:///hostile/data/${'a'.repeat(3000)}.json`;
    patterned.open(other, '{}');
    patterned.open('file:///hostile/data/[z-a].json', `[${ROW}]`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(patterned.exitCode, undefined);
    assert.equal(messages().length, 1, 'shown once');
  } finally {
    await patterned.stop();
  }
});

test('a metadata schema that is a link to /dev/zero is refused without reading it', async () => {
  const folder = join(root, 'zero-schema');
  mkdirSync(join(folder, '.labelbox'), { recursive: true });
  symlinkSync('/dev/zero', join(folder, '.labelbox', 'metadata-schema.json'));
  writeFileSync(join(folder, 'rows.labelbox.json'), `[${ROW}]`);
  const schemaClient = await TestLspClient.start({
    workspaceFolders: [{ uri: URI.file(folder).toString(), name: 'zero-schema' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true } },
  });
  try {
    const uri = URI.file(join(folder, 'rows.labelbox.json')).toString();
    schemaClient.open(uri, `[${ROW}]`);
    await schemaClient.diagnosticsFor(uri);
    const status = await schemaClient.waitFor(
      () =>
        schemaClient.notifications.find((n) => n.method === 'labelboxImport/status' && (n.params as StatusParams).metadataSchemaProblem)?.params as
          StatusParams | undefined,
      10_000,
      'a status naming the schema problem',
    );
    assert.equal(status.metadataSchemaProblem, 'It is not a regular file (a device, a pipe or a socket), so it is not read.');
    assert.ok(peakMemoryMegabytes(schemaClient.pid) < 512);
  } finally {
    await schemaClient.stop();
  }
});

test('in an untrusted workspace no setting or link makes the server read a schema outside the workspace folders', async () => {
  const folder = join(root, 'untrusted');
  const outside = join(root, 'outside-untrusted');
  mkdirSync(join(folder, '.labelbox'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  // Not a schema: the first line of a file a hostile setting would like shown in the status.
  writeFileSync(join(outside, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  writeFileSync(
    join(outside, 'schema.json'),
    JSON.stringify([{ id: 'cl0000000000000000000secret', name: 'secret_field', kind: 'CustomMetadataString', reserved: false }]),
  );
  writeFileSync(join(folder, 'rows.labelbox.json'), `[${ROW}]`);
  const uri = URI.file(join(folder, 'rows.labelbox.json')).toString();
  const statusOf = async (settings: unknown, workspaceTrusted: boolean) => {
    const schemaClient = await TestLspClient.start({
      settings,
      initializationOptions: { workspaceTrusted },
      workspaceFolders: [{ uri: URI.file(folder).toString(), name: 'untrusted' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    });
    try {
      schemaClient.open(uri, `[${ROW}]`);
      await schemaClient.diagnosticsFor(uri);
      const status = await schemaClient.waitFor(
        () =>
          schemaClient.notifications.find((n) => n.method === 'labelboxImport/status' && (n.params as StatusParams).metadataSchema)?.params as
            StatusParams | undefined,
        10_000,
        'a status naming the schema',
      );
      return { status, everything: JSON.stringify(schemaClient.notifications) + schemaClient.stderr };
    } finally {
      await schemaClient.stop();
    }
  };
  for (const setting of ['../outside-untrusted/passwd', join(outside, 'passwd'), '../outside-untrusted/schema.json']) {
    const { status, everything } = await statusOf({ metadataSchema: setting }, false);
    assert.match(
      status.metadataSchemaProblem ?? '',
      /^In an untrusted workspace the metadata schema is read only from inside the workspace folders, and .* is outside them\. Trust the workspace to use it\.$/,
      setting,
    );
    assert.doesNotMatch(everything, /root:x:0|secret_field/, setting);
  }
  symlinkSync(join(outside, 'passwd'), join(folder, '.labelbox', 'metadata-schema.json'));
  const linked = await statusOf({}, false);
  assert.match(linked.status.metadataSchemaProblem ?? '', /\.labelbox\/metadata-schema\.json is a link to a file outside them/);
  assert.doesNotMatch(linked.everything, /root:x:0/);
  // Trusted, the user's settings and links are followed; a file that is not a schema is named, never quoted.
  const trusted = await statusOf({ metadataSchema: '../outside-untrusted/passwd' }, true);
  assert.match(trusted.status.metadataSchemaProblem ?? '', /The file is not valid JSON/);
  assert.doesNotMatch(trusted.everything, /root:x:0/);
  const trustedSchema = await statusOf({ metadataSchema: '../outside-untrusted/schema.json' }, true);
  assert.match(trustedSchema.status.metadataSchema ?? '', /schema\.json \(1 custom field\)/);
});

test('an error no handler catches ends the server with a few plain lines, never the source of the bundle', async () => {
  // Thrown from a timer once the server runs, as a bug in a timer or a callback would be.
  const thrower = join(root, 'throw-later.cjs');
  writeFileSync(thrower, "setTimeout(() => { throw new Error('injected failure'); }, 300);\n");
  const started = spawn(process.execPath, ['--require', thrower, SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  started.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => started.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(stderr, /^Labelbox import language server stopped on an unexpected error: Error: injected failure\n\s+at /);
  assert.ok(stderr.length < 3000, `${stderr.length} characters on stderr`);
  assert.doesNotMatch(stderr, /^\s*\^\s*$/m, 'Node printed the source line of the error');
});
