import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRewrites, resolveAddress, type ResolveContext } from '../../common/node/urlResolver';

const folders = [
  { name: 'survey', path: '/work/survey' },
  { name: 'mirror', path: '/data/mirror' },
];

function context(setting: unknown = {}): ResolveContext {
  const { rules, problems } = parseRewrites(setting, folders);
  assert.deepEqual(problems, []);
  return { rules, workspaceFolders: folders, documentFolder: '/work/survey/imports' };
}

test('https URLs load as they are, with a hint for cloud buckets and signed URLs', () => {
  const s3 = resolveAddress('https://field-survey.s3.eu-west-1.amazonaws.com/2024/a.jpg', context());
  assert.equal(s3.kind, 'remote');
  assert.equal(s3.kind === 'remote' && s3.url, 'https://field-survey.s3.eu-west-1.amazonaws.com/2024/a.jpg');
  assert.match(
    s3.kind === 'remote' ? (s3.failHint ?? '') : '',
    /Amazon S3 bucket\. If it is private, Labelbox reads it through an IAM integration.*labelboxImport\.preview\.urlRewrites/,
  );
  const azure = resolveAddress('https://acct.blob.core.windows.net/c/a.png', context());
  assert.match(azure.kind === 'remote' ? (azure.failHint ?? '') : '', /Azure blob container/);
  const signed = resolveAddress('https://cdn.example.com/a.png?X-Amz-Signature=abc&X-Amz-Expires=60', context());
  assert.match(signed.kind === 'remote' ? (signed.failHint ?? '') : '', /signed URL: it may have expired/);
  const plain = resolveAddress('https://example.com/a.png', context());
  assert.match(plain.kind === 'remote' ? (plain.failHint ?? '') : '', /may be offline, need a login/);
});

test('gs://, s3://, http://, javascript: and data:text/html are never loaded, each with its reason', () => {
  const gs = resolveAddress('gs://bucket/a.jpg', context());
  assert.equal(gs.kind, 'blocked');
  assert.match(
    gs.kind === 'blocked' ? gs.reason : '',
    /^gs:\/\/ URLs are read by Labelbox through a Google Cloud Storage integration; a browser cannot load them\. .*labelboxImport\.preview\.urlRewrites/,
  );
  const s3 = resolveAddress('s3://bucket/a.jpg', context());
  assert.match(s3.kind === 'blocked' ? s3.reason : '', /s3:\/\/ URLs cannot be loaded/);
  const http = resolveAddress('http://example.com/a.jpg', context());
  assert.deepEqual(http.kind === 'blocked' && [http.external, /https:\/\/ URLs only/.test(http.reason)], ['http://example.com/a.jpg', true]);
  for (const address of [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'vbscript:msgbox',
    'data:text/html,<script>alert(1)</script>',
    'data:image/svg+xml,<svg onload=alert(1)>',
  ]) {
    const resolution = resolveAddress(address, context());
    assert.equal(resolution.kind, 'blocked', address);
    assert.equal(resolution.kind === 'blocked' && resolution.external, undefined, address);
  }
  assert.deepEqual(resolveAddress('data:image/png;base64,iVBORw0KGgo=', context()), { kind: 'remote', url: 'data:image/png;base64,iVBORw0KGgo=' });
});

test('rewrites map a prefix to another https prefix or to a mirror folder; the longest prefix wins', () => {
  const rules = context({
    'gs://field-survey/': '${workspaceFolder:mirror}/field-survey/',
    'gs://field-survey/2024/': '${workspaceFolder}/recent',
    'https://private.s3.amazonaws.com/': 'https://cdn.example.com/',
  });
  assert.deepEqual(resolveAddress('gs://field-survey/2023/plot%2012/a.jpg?generation=3', rules), {
    kind: 'local',
    path: '/data/mirror/field-survey/2023/plot 12/a.jpg',
    // The folder as the user knows it, not this machine's absolute path.
    via: 'gs://field-survey/ → field-survey/ in the workspace folder "mirror" (labelboxImport.preview.urlRewrites)',
  });
  const recent = resolveAddress('gs://field-survey/2024/a.jpg', rules);
  assert.equal(recent.kind === 'local' && recent.path, '/work/survey/recent/a.jpg');
  const cdn = resolveAddress('https://private.s3.amazonaws.com/x/y.png', rules);
  assert.equal(cdn.kind === 'remote' && cdn.url, 'https://cdn.example.com/x/y.png');
  assert.match(cdn.kind === 'remote' ? (cdn.via ?? '') : '', /https:\/\/private\.s3\.amazonaws\.com\/ → https:\/\/cdn\.example\.com\//);
  // A tile template keeps its placeholders.
  const tiles = resolveAddress('gs://field-survey/tiles/{z}/{x}/{y}.png', rules);
  assert.equal(tiles.kind === 'local' && tiles.path, '/data/mirror/field-survey/tiles/{z}/{x}/{y}.png');
});

test('a rewrite cannot reach outside the workspace folders', () => {
  const rules = context({ 'gs://b/': '/data/mirror/b/' });
  const escape = resolveAddress('gs://b/../../../etc/passwd', rules);
  assert.equal(escape.kind, 'blocked');
  assert.match(escape.kind === 'blocked' ? escape.reason : '', /outside the workspace folders/);
  const outside = context({ 'gs://c/': '/etc/' });
  assert.equal(resolveAddress('gs://c/passwd', outside).kind, 'blocked');
});

test('relative paths resolve from the import file inside the workspace; absolute paths and file URLs too', () => {
  assert.deepEqual(resolveAddress('images/001.jpg', context()), { kind: 'local', path: '/work/survey/imports/images/001.jpg' });
  assert.deepEqual(resolveAddress('../media/a.png', context()), { kind: 'local', path: '/work/survey/media/a.png' });
  assert.deepEqual(resolveAddress('/data/mirror/a.png', context()), { kind: 'local', path: '/data/mirror/a.png' });
  assert.deepEqual(resolveAddress('file:///work/survey/a%20b.png', context()), { kind: 'local', path: '/work/survey/a b.png' });
  assert.equal(resolveAddress('../../../etc/passwd', context()).kind, 'blocked');
  assert.equal(resolveAddress('/home/someone/a.png', context()).kind, 'blocked');
  assert.equal(resolveAddress('~/a.png', context()).kind, 'blocked');
  const unsaved = resolveAddress('images/a.jpg', { rules: [], workspaceFolders: folders });
  assert.match(unsaved.kind === 'blocked' ? unsaved.reason : '', /not saved on disk/);
});

test('rewrite settings that cannot be used are reported, not guessed at', () => {
  assert.deepEqual(parseRewrites(undefined, folders), { rules: [], problems: [] });
  assert.match(parseRewrites(['gs://a/'], folders).problems[0], /must be an object/);
  const { rules, problems } = parseRewrites(
    { 'gs://a/': 'http://insecure.example.com/', 'gs://b/': 42, 'gs://c/': '${workspaceFolder:nope}/x', 'gs://d/': 'mirror/d' },
    folders,
  );
  assert.equal(problems.length, 3);
  assert.match(problems.join('\n'), /"http:\/\/insecure\.example\.com\/" is neither an https:\/\/ URL nor a folder/);
  assert.match(problems.join('\n'), /the target of "gs:\/\/b\/" must be a non-empty string/);
  assert.match(problems.join('\n'), /no workspace folder named "nope"/);
  assert.deepEqual(rules, [{ from: 'gs://d/', toFolder: '/work/survey/mirror/d' }]);
  assert.match(parseRewrites({ 'gs://a/': 'mirror' }, []).problems[0], /no folder is open/);
});
