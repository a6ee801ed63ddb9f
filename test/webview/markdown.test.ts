/** The markdown reader of RAW_TEXT attachments (its parser needs no browser). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInline, parseMarkdown, safeHref } from '../../client/webview/markdown';

test('blocks: headings, paragraphs with line breaks, lists, quotes, code, rules', () => {
  const blocks = parseMarkdown('# Notes\nFirst line\nsecond line\n\n- one\n- two\n  more of two\n\n1. a\n2. b\n\n> quoted *text*\n\n```\n<b>code</b>\n```\n\n---');
  assert.deepEqual(blocks, [
    { type: 'heading', level: 1, children: [{ type: 'text', text: 'Notes' }] },
    { type: 'paragraph', children: [{ type: 'text', text: 'First line' }, { type: 'break' }, { type: 'text', text: 'second line' }] },
    {
      type: 'list',
      ordered: false,
      start: 1,
      items: [
        [{ type: 'paragraph', children: [{ type: 'text', text: 'one' }] }],
        [{ type: 'paragraph', children: [{ type: 'text', text: 'two' }, { type: 'break' }, { type: 'text', text: 'more of two' }] }],
      ],
    },
    { type: 'list', ordered: true, start: 1, items: [[{ type: 'paragraph', children: [{ type: 'text', text: 'a' }] }], [{ type: 'paragraph', children: [{ type: 'text', text: 'b' }] }]] },
    { type: 'quote', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'quoted ' }, { type: 'em', children: [{ type: 'text', text: 'text' }] }] }] },
    { type: 'code', text: '<b>code</b>' },
    { type: 'rule' },
  ]);
});

test('inline: emphasis, code, links; HTML stays text', () => {
  assert.deepEqual(parseInline('**bold** and _it_ and ~~gone~~ and `x < y`'), [
    { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
    { type: 'text', text: ' and ' },
    { type: 'em', children: [{ type: 'text', text: 'it' }] },
    { type: 'text', text: ' and ' },
    { type: 'del', children: [{ type: 'text', text: 'gone' }] },
    { type: 'text', text: ' and ' },
    { type: 'code', text: 'x < y' },
  ]);
  assert.deepEqual(parseInline('<img src=x onerror=alert(1)> snake_case_name 2 * 3 * 4'), [{ type: 'text', text: '<img src=x onerror=alert(1)> snake_case_name 2 * 3 * 4' }]);
  assert.deepEqual(parseInline('[protocol](https://x.com/p.pdf "Protocol") and <https://y.com>'), [
    { type: 'link', href: 'https://x.com/p.pdf', children: [{ type: 'text', text: 'protocol' }] },
    { type: 'text', text: ' and ' },
    { type: 'link', href: 'https://y.com', children: [{ type: 'text', text: 'https://y.com' }] },
  ]);
  assert.deepEqual(parseInline('see https://x.com/a_b.html, then'), [
    { type: 'text', text: 'see ' },
    { type: 'link', href: 'https://x.com/a_b.html', children: [{ type: 'text', text: 'https://x.com/a_b.html' }] },
    { type: 'text', text: ', then' },
  ]);
  assert.deepEqual(parseInline('\\*not em\\*'), [{ type: 'text', text: '*not em*' }]);
});

test('links keep an address only for http(s) and mailto; images become links and are never loaded', () => {
  for (const unsafe of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'javascript:void(0)', 'vbscript:x', 'file:///etc/passwd', '/relative']) {
    assert.deepEqual(parseInline(`[click](${unsafe})`), [{ type: 'link', children: [{ type: 'text', text: 'click' }] }], unsafe);
    assert.equal(safeHref(unsafe), undefined);
  }
  // Not even a link: the destination holds characters a destination cannot.
  assert.deepEqual(parseInline('[click](data:text/html,<script>alert(1)</script>)'), [{ type: 'text', text: '[click](data:text/html,<script>alert(1)</script>)' }]);
  assert.equal(safeHref('data:text/html,<script>alert(1)</script>'), undefined);
  assert.equal(safeHref('mailto:a@b.org'), 'mailto:a@b.org');
  assert.deepEqual(parseInline('![field map](https://x.com/map.png)'), [{ type: 'link', href: 'https://x.com/map.png', children: [{ type: 'text', text: 'Image: field map' }] }]);
});

test('deeply nested input does not overflow the stack', () => {
  const deep = `${'> '.repeat(5000)}deep`;
  assert.ok(parseMarkdown(deep).length === 1);
  const stars = `${'*'.repeat(20000)}x${'*'.repeat(20000)}`;
  assert.ok(parseInline(stars).length > 0);
});
