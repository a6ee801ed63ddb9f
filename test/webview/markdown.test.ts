/** The markdown reader of RAW_TEXT attachments (its parser needs no browser). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headingOf, linkAt, parseInline, parseMarkdown, safeHref } from '../../webview/markdown';
import { Random } from '../../bench/random';

test('blocks: headings, paragraphs with line breaks, lists, quotes, code, rules', () => {
  const blocks = parseMarkdown(
    '# Notes\nFirst line\nsecond line\n\n- one\n- two\n  more of two\n\n1. a\n2. b\n\n> quoted *text*\n\n```\n<b>code</b>\n```\n\n---',
  );
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
    {
      type: 'list',
      ordered: true,
      start: 1,
      items: [[{ type: 'paragraph', children: [{ type: 'text', text: 'a' }] }], [{ type: 'paragraph', children: [{ type: 'text', text: 'b' }] }]],
    },
    {
      type: 'quote',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', text: 'quoted ' },
            { type: 'em', children: [{ type: 'text', text: 'text' }] },
          ],
        },
      ],
    },
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
  assert.deepEqual(parseInline('<img src=x onerror=alert(1)> snake_case_name 2 * 3 * 4'), [
    { type: 'text', text: '<img src=x onerror=alert(1)> snake_case_name 2 * 3 * 4' },
  ]);
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
  assert.deepEqual(parseInline('[click](data:text/html,<script>alert(1)</script>)'), [
    { type: 'text', text: '[click](data:text/html,<script>alert(1)</script>)' },
  ]);
  assert.equal(safeHref('data:text/html,<script>alert(1)</script>'), undefined);
  assert.equal(safeHref('mailto:a@b.org'), 'mailto:a@b.org');
  assert.deepEqual(parseInline('![field map](https://x.com/map.png)'), [
    { type: 'link', href: 'https://x.com/map.png', children: [{ type: 'text', text: 'Image: field map' }] },
  ]);
});

test('deeply nested input does not overflow the stack', () => {
  const deep = `${'> '.repeat(5000)}deep`;
  assert.ok(parseMarkdown(deep).length === 1);
  const stars = `${'*'.repeat(20000)}x${'*'.repeat(20000)}`;
  assert.ok(parseInline(stars).length > 0);
});

/** A generous guard against quadratic blow-up (these take a few milliseconds), not a measure. */
const BOUND_MS = 2000;

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

test('headings are read as the expression /^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$/ read them, in linear time', () => {
  const expression = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
  const random = new Random(26);
  const alphabet = [' ', '\t', '#', 'a', '\u2028', '\r'];
  for (let round = 0; round < 50_000; round++) {
    let line = '';
    for (let i = random.int(0, 12); i > 0; i--) line += random.pick(alphabet);
    const old = expression.exec(line);
    assert.deepEqual(headingOf(line), old ? { level: old[1].length, text: old[2] ?? '' } : undefined, JSON.stringify(line));
  }
  // 60,000 spaces stalled the preview for seconds with the expression.
  const { result, ms } = timed(() => parseMarkdown(`# ${' '.repeat(60_000)}x${' '.repeat(60_000)}#x`));
  assert.deepEqual(result, [{ type: 'heading', level: 1, children: [{ type: 'text', text: `x${' '.repeat(60_000)}#x` }] }]);
  assert.ok(ms < BOUND_MS, `${Math.round(ms)} ms`);
});

test('links are read as the expression read them (labels without "["), in linear time', () => {
  const expression = /^!?\[([^\]\n]*)\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]*\))*)>?(?:\s+"[^"\n]*")?\s*\)/;
  const random = new Random(27);
  const alphabet = ['[', ']', '(', ')', '!', 'a', ' ', '"', '<', '>', '\n', '\t'];
  for (let round = 0; round < 50_000; round++) {
    let text = random.chance(0.5) ? '[' : '![';
    for (let i = random.int(0, 14); i > 0; i--) text += random.pick(alphabet);
    const old = expression.exec(text);
    if (old?.[1].includes('[')) continue;
    assert.deepEqual(linkAt(text, 0), old ? { label: old[1], destination: old[2], end: old[0].length } : undefined, JSON.stringify(text));
  }
  for (const hostile of [
    '['.repeat(100_000),
    `[a](${'b[a]'.repeat(50_000)}!`,
    '[a]('.repeat(50_000),
    `[a](b "${'x'.repeat(100_000)}`,
    '(http://'.repeat(25_000),
    '<http://'.repeat(25_000),
  ]) {
    const { result, ms } = timed(() => parseInline(hostile));
    assert.ok(result.length > 0);
    assert.ok(ms < BOUND_MS, `${JSON.stringify(hostile.slice(0, 20))}…: ${Math.round(ms)} ms`);
  }
});

test('list items, quotes and rules on lines built to backtrack', () => {
  const lines = [
    `- ${'\t'.repeat(60_000)}\u2028x`,
    `-${' -'.repeat(60_000)} x`,
    `> ${' '.repeat(60_000)}\u2028`,
    `1.${' '.repeat(60_000)}x`,
    `${'  '.repeat(60_000)}x`,
  ];
  for (const line of lines) {
    const { result, ms } = timed(() => parseMarkdown(line));
    assert.ok(result.length > 0);
    assert.ok(ms < BOUND_MS, `${JSON.stringify(line.slice(0, 12))}…: ${Math.round(ms)} ms`);
  }
  assert.deepEqual(parseMarkdown('- one\n- two'), [
    {
      type: 'list',
      ordered: false,
      start: 1,
      items: [[{ type: 'paragraph', children: [{ type: 'text', text: 'one' }] }], [{ type: 'paragraph', children: [{ type: 'text', text: 'two' }] }]],
    },
  ]);
});
