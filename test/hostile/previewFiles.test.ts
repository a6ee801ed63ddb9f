import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAddress, type ResolveContext } from '../../common/node/urlResolver';
import { TextLoader, readLimited } from '../../client/preview/textLoader';

/**
 * Files the preview shows from the workspace: links are followed before deciding whether a
 * file is inside, and what is read is read up to the cap, whatever kind of file it is.
 */

const root = realpathSync(mkdtempSync(join(tmpdir(), 'labelbox-hostile-preview-')));
after(() => rmSync(root, { recursive: true, force: true }));
const workspace = join(root, 'workspace');
const outside = join(root, 'outside');
mkdirSync(join(workspace, 'imports'), { recursive: true });
mkdirSync(join(workspace, 'mirror', 'tiles'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(outside, 'secret.txt'), 'the secret\n');
writeFileSync(join(workspace, 'notes.txt'), 'notes of the workspace\n');
symlinkSync(join(outside, 'secret.txt'), join(workspace, 'secret-link.txt'));
symlinkSync(outside, join(workspace, 'outside-folder'));
symlinkSync(join(workspace, 'notes.txt'), join(workspace, 'notes-link.txt'));
symlinkSync('/dev/zero', join(workspace, 'zero.txt'));
symlinkSync(join(workspace, 'loop-b'), join(workspace, 'loop-a'));
symlinkSync(join(workspace, 'loop-a'), join(workspace, 'loop-b'));
execFileSync('mkfifo', [join(workspace, 'pipe.txt')]);

const context: ResolveContext = {
  rules: [
    { from: 'gs://bucket/', toFolder: join(workspace, 'mirror') },
    { from: 'gs://escape/', toFolder: join(workspace, 'outside-folder') },
  ],
  workspaceFolders: [{ name: 'workspace', path: workspace }],
  documentFolder: join(workspace, 'imports'),
};
const reasonOf = (address: string) => {
  const resolution = resolveAddress(address, context);
  return resolution.kind === 'blocked' ? resolution.reason : resolution.kind;
};

test('a link in the workspace to a file or folder outside it is outside', () => {
  assert.match(
    reasonOf('../secret-link.txt'),
    /secret-link\.txt is outside the workspace folders \(it is a link to .*outside\/secret\.txt\); the preview shows files of the workspace only/,
  );
  assert.match(reasonOf('../outside-folder/secret.txt'), /is outside the workspace folders \(it is a link to .*outside\/secret\.txt\)/);
  assert.match(reasonOf('gs://escape/secret.txt'), /is outside the workspace folders/);
  assert.match(reasonOf(`file://${join(workspace, 'secret-link.txt')}`), /is outside the workspace folders/);
  assert.match(reasonOf('../loop-a'), /cannot be followed to a file \(a link that loops, or no permission\)/);
  // Links that stay inside, and paths that do not exist yet (a tile template), are fine.
  assert.equal(reasonOf('../notes-link.txt'), 'local');
  assert.equal(reasonOf('gs://bucket/tiles/{z}/{x}/{y}.png'), 'local');
  assert.equal(reasonOf('../notes.txt'), 'local');
});

test('devices and pipes are never handed to the page', () => {
  assert.match(reasonOf('../zero.txt'), /zero\.txt is outside the workspace folders \(it is a link to \/dev\/zero\)/);
  assert.match(reasonOf('../pipe.txt'), /pipe\.txt is a device, a pipe or a socket, not a file; the preview does not read it\./);
});

test('a TEXT_URL read from the workspace stops at the cap, whatever the file', async () => {
  assert.deepEqual(await readLimited(join(workspace, 'notes.txt')), { text: 'notes of the workspace\n', truncated: false });
  writeFileSync(join(workspace, 'big.txt'), 'x'.repeat(3 * 1024 * 1024));
  const big = await readLimited(join(workspace, 'big.txt'));
  assert.deepEqual([big.text.length, big.truncated], [1024 * 1024, true]);
  const started = Date.now();
  // Even if a link to /dev/zero got this far, nothing past the cap is read, and a pipe without a writer does not hang.
  await assert.rejects(readLimited(join(workspace, 'zero.txt')), /It is a device, a pipe or a socket, not a file\./);
  await assert.rejects(readLimited(join(workspace, 'pipe.txt')), /It is a device, a pipe or a socket, not a file\./);
  assert.ok(Date.now() - started < 5000);
  const loader = new TextLoader();
  const state = await loader.load({ kind: 'local', path: join(workspace, 'zero.txt') }, new AbortController().signal);
  assert.deepEqual(state, { status: 'failed', reason: 'It is a device, a pipe or a socket, not a file.' });
});
