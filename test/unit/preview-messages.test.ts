import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHostMessage, parsePanelState, parseWebviewMessage } from '../../common/preview/messages';
import { describeRow } from '../../common/preview/rowModel';

const filter = { text: 'farm', mediaType: 'IMAGE', problemsOnly: false };

test('messages from the webview are accepted only in their exact shape', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseWebviewMessage({ type: 'ready', restoredIndex: 4 }), { type: 'ready', restoredIndex: 4 });
  assert.deepEqual(parseWebviewMessage({ type: 'reveal', index: 12, extra: 'dropped' }), { type: 'reveal', index: 12 });
  assert.deepEqual(parseWebviewMessage({ type: 'openExternal', url: 'https://x.com/a.png' }), { type: 'openExternal', url: 'https://x.com/a.png' });
  assert.deepEqual(parseWebviewMessage({ type: 'galleryRequest', requestId: 3, from: 120, count: 120, filter }), {
    type: 'galleryRequest',
    requestId: 3,
    from: 120,
    count: 120,
    filter,
  });
  assert.deepEqual(parseWebviewMessage({ type: 'view', view: 'gallery' }), { type: 'view', view: 'gallery' });

  const rejected: unknown[] = [
    null,
    'reveal',
    [],
    { type: 'reveal' },
    { type: 'reveal', index: -1 },
    { type: 'reveal', index: 1.5 },
    { type: 'reveal', index: '3' },
    { type: 'ready', restoredIndex: 'x' },
    { type: 'openExternal', url: '' },
    { type: 'openExternal', url: 42 },
    { type: 'openExternal', url: 'x'.repeat(70_000) },
    { type: 'galleryRequest', requestId: 1, from: 0, count: 100_000, filter },
    { type: 'galleryRequest', requestId: 1, from: 0, count: 0, filter },
    { type: 'galleryRequest', requestId: 1, from: 0, count: 10, filter: { ...filter, mediaType: 'EXE' } },
    { type: 'galleryRequest', requestId: 1, from: 0, count: 10, filter: { ...filter, text: 'x'.repeat(201) } },
    { type: 'galleryRequest', requestId: 1, from: 0, count: 10, filter: { ...filter, problemsOnly: 'yes' } },
    { type: 'galleryRequest', requestId: 1, from: 0, count: 10 },
    { type: 'view', view: 'settings' },
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
    { type: '__proto__' },
  ];
  for (const message of rejected) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message)?.slice(0, 100));
});

test('messages from the extension are checked by the page too', () => {
  const model = describeRow({ row_data: 'x', metadata_fields: [{ schema_id: 'a', value: 'b' }] }, 'TEXT', { a: 'crop' });
  const row = { index: 0, rowCount: 1, line: 1, model, mediaType: 'TEXT', mediaTypeInferred: false, problems: [] };
  const message = {
    type: 'row',
    seq: 1,
    row,
    resources: { 'https://x.com/a.png': { src: 'https://x.com/a.png', external: true } },
    texts: { 'https://x.com/t.txt': { status: 'loading' } },
  };
  assert.deepEqual(parseHostMessage(message), message);
  assert.equal(parseHostMessage({ ...message, resources: { a: { src: 1, external: true } } }), undefined);
  assert.equal(parseHostMessage({ ...message, texts: { a: { status: 'done' } } }), undefined);
  assert.equal(parseHostMessage({ ...message, row: { ...row, problems: [{ severity: 'fatal', code: 'x', message: 'y', line: 0 }] } }), undefined);
  // The row model the panel computed is checked all the way down.
  assert.equal(parseHostMessage({ ...message, row: { ...row, model: { ...model, metadata: [{ name: 1, value: 'b' }] } } }), undefined);
  assert.equal(parseHostMessage({ ...message, row: { ...row, model: { ...model, asset: { kind: 'script', url: 'x' } } } }), undefined);
  assert.equal(parseHostMessage({ ...message, row: { ...row, model: { ...model, attachments: [{ type: 'IMAGE', kind: 'image', value: 1 }] } } }), undefined);
  assert.equal(parseHostMessage({ ...message, row: { ...row, model: undefined } }), undefined);
  assert.deepEqual(parseHostMessage({ type: 'galleryChanged', junk: true }), { type: 'galleryChanged' });
  assert.equal(parseHostMessage({ type: 'galleryPage', requestId: 1, from: 0, total: 1, rowCount: 1, tiles: [{ index: 0, line: 1, errors: 0 }] }), undefined);
  assert.equal(parseHostMessage({ type: 'init', uri: 'file:///a', fileName: 'a', allowScripts: 'yes', locked: false }), undefined);
  assert.equal(parseHostMessage({ type: 'init', uri: 'file:///a', fileName: 'a', allowScripts: false }), undefined, 'init says whether the preview is locked');
  assert.ok(parseHostMessage({ type: 'init', uri: 'file:///a', fileName: 'a', allowScripts: false, locked: true }));
  // What the extension says of a workspace file: missing (why), there, and the base of a page.
  const resources = {
    a: { external: false, notFound: 'media/a.wav does not exist.' },
    b: { src: 'https://x.com/b.png', external: true, fileExists: true },
    c: { external: true, base: 'https://x.com/c.html' },
  };
  assert.deepEqual(parseHostMessage({ ...message, resources }), { ...message, resources });
  assert.equal(parseHostMessage({ ...message, resources: { a: { external: false, fileExists: 'yes' } } }), undefined);
  assert.equal(parseHostMessage({ ...message, resources: { a: { external: false, notFound: 3 } } }), undefined);
});

test('saved panel state: the document is required, the rest falls back to defaults', () => {
  assert.equal(parsePanelState(undefined), undefined);
  assert.equal(parsePanelState({ view: 'gallery' }), undefined);
  assert.deepEqual(parsePanelState({ uri: 'file:///a.json' }), {
    uri: 'file:///a.json',
    view: 'row',
    filter: { text: '', mediaType: '', problemsOnly: false },
    galleryScrollTop: 0,
    layers: {},
  });
  // Whether it was locked is kept when saved (states saved before the lock existed have none).
  assert.equal(parsePanelState({ uri: 'file:///a.json', locked: true })?.locked, true);
  assert.equal(parsePanelState({ uri: 'file:///a.json', locked: 'yes' })?.locked, undefined);
  assert.deepEqual(
    parsePanelState({
      uri: 'file:///a.json',
      view: 'gallery',
      rowIndex: 7,
      filter,
      galleryScrollTop: 900,
      layers: { 'https://x.com/o.png': { visible: false, opacity: 0.5 }, bad: { visible: 'no', opacity: 3 } },
    }),
    { uri: 'file:///a.json', view: 'gallery', rowIndex: 7, filter, galleryScrollTop: 900, layers: { 'https://x.com/o.png': { visible: false, opacity: 0.5 } } },
  );
});
