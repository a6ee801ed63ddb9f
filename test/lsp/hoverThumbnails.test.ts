/**
 * Hover thumbnails of image URLs, resolved as the preview resolves them: the rewrites of
 * labelboxImport.preview.urlRewrites to a workspace mirror, paths relative to the file, and
 * workspace files only. What cannot be shown is said in words, never as a broken image.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { TestLspClient } from '../support/lspClient';
import { withCursor } from './cursor';

const folder = mkdtempSync(path.join(tmpdir(), 'labelbox-hover-'));
let client: TestLspClient;
before(async () => {
  mkdirSync(path.join(folder, 'mirror'), { recursive: true });
  mkdirSync(path.join(folder, 'data', 'images'), { recursive: true });
  writeFileSync(path.join(folder, 'mirror', 'a.png'), 'not read by the server, only looked for');
  writeFileSync(path.join(folder, 'data', 'images', 'b.jpg'), 'a picture');
  client = await TestLspClient.start({
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'project' }],
    settings: { preview: { urlRewrites: { 'https://media.example.test/': '${workspaceFolder}/mirror/' } } },
  });
});
after(async () => {
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
});

let count = 0;
async function markdown(textWithCursor: string): Promise<string> {
  const { text, position } = withCursor(textWithCursor);
  const uri = pathToFileURL(path.join(folder, 'data', `hover-${++count}.labelbox.json`)).href;
  client.open(uri, text);
  await client.diagnosticsFor(uri, 120_000);
  const result = await client.hover(uri, position);
  assert.ok(result, `no hover for ${textWithCursor}`);
  return (result.contents as MarkupContent).value;
}

test('a rewrite to a workspace mirror: the thumbnail is the mirrored file', async () => {
  const value = await markdown('[{ "row_data": "https://media.example.test/|a.png", "media_type": "IMAGE" }]');
  assert.equal(
    value,
    `![Image preview](${pathToFileURL(path.join(folder, 'mirror', 'a.png')).href}|width=240)\n\nFrom \`mirror/a.png\` (by \`labelboxImport.preview.urlRewrites\`)`,
  );
});

test('a path relative to the import file: the file beside it', async () => {
  const value = await markdown('[{ "row_data": "images/|b.jpg", "media_type": "IMAGE" }]');
  assert.match(
    value,
    new RegExp(
      `^!\\[Image preview\\]\\(${pathToFileURL(path.join(folder, 'data', 'images', 'b.jpg')).href.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\|width=240\\)\n\nFrom \`data/images/b\\.jpg\`$`,
    ),
  );
});

test('what cannot be shown is said in words', async () => {
  assert.equal(
    await markdown('[{ "row_data": "https://media.example.test/|gone.png", "media_type": "IMAGE" }]'),
    'No thumbnail: `mirror/gone.png` does not exist.',
  );
  assert.match(
    await markdown('[{ "row_data": "gs://bucket/|a.png", "media_type": "IMAGE" }]'),
    /^No thumbnail: gs:\/\/ URLs are read by Labelbox through a Google Cloud Storage integration/,
  );
  assert.match(await markdown('[{ "row_data": "http://h.com/|a.png", "media_type": "IMAGE" }]'), /^No thumbnail: The preview loads https:\/\/ URLs only/);
  assert.match(await markdown('[{ "row_data": "/etc/|a.png", "media_type": "IMAGE" }]'), /^No thumbnail: \/etc\/a\.png is outside the workspace folders/);
});

test('an https URL without a rewrite loads from the web, as before', async () => {
  const value = await markdown('[{ "row_data": "https://cdn.example.org/|cat.jpg", "media_type": "IMAGE" }]');
  assert.equal(value, '![Image preview](https://cdn.example.org/cat.jpg|width=240)\n\nHost: `cdn.example.org`');
});
