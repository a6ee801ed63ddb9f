import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, previewHtml } from '../../client/preview/previewHtml';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

test('the policy allows scripts only with the nonce, no eval, no connections, and media from the webview and https', () => {
  const policy = contentSecurityPolicy(SOURCE, 'abc123');
  const directives = Object.fromEntries(policy.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['script-src'], ["'nonce-abc123'"]);
  // Framed HTML pages (srcdoc) inherit the policy: their inline styles apply, their scripts still need the nonce.
  assert.deepEqual(directives['style-src'], [SOURCE, "'unsafe-inline'"]);
  assert.deepEqual(directives['img-src'], [SOURCE, 'https:', 'data:', 'blob:']);
  assert.deepEqual(directives['media-src'], [SOURCE, 'https:', 'blob:']);
  assert.deepEqual(directives['frame-src'], [SOURCE, 'https:', 'blob:']);
  // No object ever loads an address: PDFs come as bytes the extension checked, shown from a blob.
  assert.deepEqual(directives['object-src'], ['blob:']);
  assert.deepEqual(directives['connect-src'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ['https:']);
  assert.doesNotMatch(directives['script-src'].join(' '), /unsafe-inline/);
  assert.doesNotMatch(policy, /unsafe-eval|\*|http:/);
});

test('the page loads its one script with the nonce and escapes what it writes', () => {
  const nonce = createNonce();
  const html = previewHtml({
    cspSource: SOURCE,
    nonce,
    scriptUri: `${SOURCE}/ext/dist/webview.js`,
    styleUri: `${SOURCE}/ext/dist/webview.css`,
    title: 'Preview <rows>.json "x"',
  });
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
  assert.deepEqual(scripts, [` nonce="${nonce}" src="${SOURCE}/ext/dist/webview.js"`]);
  assert.match(html, /<title>Preview &#60;rows&#62;\.json &#34;x&#34;<\/title>/);
  assert.match(
    html,
    new RegExp(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;nonce-${nonce.replace(/[+/]/g, '\\$&')}&#39;`),
  );
  assert.doesNotMatch(html, /style="|onload=|onerror=/);
});

test('nonces are random, long and valid in a policy', () => {
  const nonces = new Set(Array.from({ length: 50 }, createNonce));
  assert.equal(nonces.size, 50);
  for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{32}$/);
});
