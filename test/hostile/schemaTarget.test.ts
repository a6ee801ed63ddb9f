import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { schemaWriteProblem } from '../../client/metadata/schemaTarget';

/** Where "Fetch Metadata Schema" writes: never outside the workspace folder while it is untrusted, never into a device. */

const root = realpathSync(mkdtempSync(join(tmpdir(), 'labelbox-hostile-schema-target-')));
after(() => rmSync(root, { recursive: true, force: true }));
const folder = join(root, 'workspace');
const outside = join(root, 'outside');
mkdirSync(join(folder, '.labelbox'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(outside, 'authorized_keys'), 'ssh-ed25519 AAAA user\n');
symlinkSync(join(outside, 'authorized_keys'), join(folder, '.labelbox', 'linked.json'));
symlinkSync(outside, join(folder, 'outside-folder'));
execFileSync('mkfifo', [join(folder, 'pipe.json')]);

test('untrusted: only a file really inside the workspace folder', () => {
  assert.equal(schemaWriteProblem(join(folder, '.labelbox/metadata-schema.json'), folder, false), undefined);
  assert.equal(schemaWriteProblem(join(folder, 'new/deeper/schema.json'), folder, false), undefined);
  for (const target of [
    resolve(folder, '../../schema.json'),
    join(outside, 'authorized_keys'),
    join(folder, '.labelbox', 'linked.json'),
    join(folder, 'outside-folder', 'schema.json'),
  ]) {
    assert.match(
      schemaWriteProblem(target, folder, false) ?? '',
      /^In an untrusted workspace the metadata schema is written only inside the workspace folder, and labelboxImport\.metadataSchema names .* outside it\./,
      target,
    );
  }
  assert.match(schemaWriteProblem(join(folder, '.labelbox', 'linked.json'), folder, false) ?? '', /, a link to .*outside\/authorized_keys,/);
});

test('trusted: where the setting says, but never a device, a pipe or a folder', () => {
  assert.equal(schemaWriteProblem(join(outside, 'schema.json'), folder, true), undefined);
  assert.match(schemaWriteProblem('/dev/null', folder, true) ?? '', /is a device, a pipe or a socket, not a file/);
  assert.match(schemaWriteProblem(join(folder, 'pipe.json'), folder, true) ?? '', /is a device, a pipe or a socket, not a file/);
  assert.match(schemaWriteProblem(folder, folder, true) ?? '', /is a folder/);
});
