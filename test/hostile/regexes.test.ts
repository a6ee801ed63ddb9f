import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cannotBacktrack, listRegexes } from '../../scripts/listRegexes';
import { createValidationContext, ImportDocument } from '../../service';
import { documentLinks } from '../../service/features/documentLinks';
import { fillPlaceholders } from '../../service/featureHelpers/snippetText';
import { extensionOf, looksLikeLocalPath, mediaTypeOfUrl, withoutQuery } from '../../common/urls';
import { isAddress } from '../../common/preview/rowModel';
import { resolveAddress } from '../../common/node/urlResolver';

/**
 * Every regular expression of the product code that sees text from a file or a workspace,
 * run on inputs built to make it backtrack: long runs of the characters it names, in pairs,
 * after a prefix that reaches its quantifiers, ending with a character that makes it fail.
 * A backtracking expression takes seconds to minutes on these; a linear one a millisecond.
 * The time bound is a generous guard against quadratic or exponential blow-up, not a measure.
 */

const RUN = 40_000;
const BOUND_MS = 2000;

/**
 * Each expression that can backtrack (scripts/listRegexes.ts leaves out those that cannot),
 * with the prefixes that bring the input to its quantifiers. A new expression makes the first
 * test fail until it is listed here.
 */
const REVIEWED = new Map<string, readonly string[]>([
  // Signed URL times (common/signedUrls.ts): fixed-width digits, anchored at both ends.
  ['/^(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z$/', ['', '20240101T']],
  [
    '/^(\\d{4})-(\\d{2})-(\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?(Z|[+ -]\\d{2}:\\d{2}))?$/',
    ['2024-01-01', '2024-01-01T10:00:00.', '2024-01-01T10:00:00.1234567'],
  ],
  ['/"(https?:\\/\\/[^"\\\\\\s]+)"(?!\\s*:)/g', ['"https://', '"https://a"']],
  ['/^#\\/definitions\\/(.+)$/', ['#/definitions/']],
  ['/^(.+)\\.s3(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com$/i', ['', 'a.s3-', 'a.s3.']],
  ['/^([ \\t]*)\\S/', ['']],
  ['/\\.(jpe?g|png|gif|bmp|webp|svg|tiff?)$/i', ['', '.jp', '.tif']],
  ['/^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/', ['-1', '1.', '1e']],
  ['/at position (\\d+)/', ['at position ']],
  ['/^#\\/definitions\\/([^/]+)$/', ['#/definitions/']],
  ['/^[a-z][a-z0-9+.-]*:\\/\\//i', ['a']],
  ['/^([a-z][a-z0-9+.-]*):/i', ['a']],
  ['/^(\\/|\\.{1,2}[\\\\/]|~[\\\\/]|[a-zA-Z]:[\\\\/]|file:)/', ['']],
  ['/^[\\w\\-./\\\\]+\\.[a-z0-9]{2,5}$/i', ['', 'a']],
  ['/^(?:[AEIOU]|HTML)/', ['']],
  [
    '/^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?$/i',
    ['2024-01-01', '2024-01-01T10:00:00.', '2024-01-01T10:00:00.5'],
  ],
  ['/^(Z|[+-]00(:?00)?)$/i', ['+00']],
  ['/\\.\\d{3}Z$/', ['', '.']],
  ['/^s3:\\/\\/([^/]+)\\/?(.*)$/i', ['s3://', 's3://a/']],
  ['/^(https?:\\/\\/|mailto:)/i', ['']],
  ['/^[\\w\\-.]+([\\\\/][\\w\\-.]+)*\\.[a-z0-9]{2,5}$/i', ['', 'a', 'a/']],
  ['/^(\\/|\\.{1,2}[\\\\/]|~[\\\\/]|[a-zA-Z]:[\\\\/])/', ['']],
  ['/^data:image\\/(png|jpe?g|gif|webp|bmp)[;,]/i', ['data:image/']],
  ['/^\\$\\{workspaceFolder(?::([^}]+))?\\}(.*)$/', ['${workspaceFolder:', '${workspaceFolder}']],
  ['/(^|\\.)s3[.-]([a-z0-9-]+\\.)?amazonaws\\.com$/i', ['', 's3-', 'a.s3.']],
  ['/[?&](X-Amz-Signature|X-Goog-Signature|sig|Signature)=/i', ['', '?X-Amz-']],
  ['/^(https?:\\/\\/|blob:)/i', ['']],
  ['/^ {0,3}(`{3,}|~{3,})/', ['   ']],
  [
    '/^\\s*[+-]?(?:(?:\\d+(?:_\\d+)*(?:\\.(?:\\d+(?:_\\d+)*)?)?|\\.\\d+(?:_\\d+)*)(?:e[+-]?\\d+(?:_\\d+)*)?|inf(?:inity)?|nan)\\s*$/i',
    ['', ' ', '1', '1_1', '1.', '1.1_', '.1', '1e', '1e1_'],
  ],
  ['/\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\\b/i', ['', 'jan', 'jan ', 'sept']],
  ['/^ {0,3}(#{1,6})/', ['   ']],
  ['/^ {0,3}([-*_])(?:[ \\t]*\\1){2,}[ \\t]*$/', ['-', '- -', '*']],
  ['/^ {0,3}> ?(.*)$/', ['>']],
  ['/^( {0,3})([-*+]|\\d{1,9}[.)])[ \\t]+/', ['-', '1.', '- ']],
  ['/^(https?:\\/\\/[^\\s]+|mailto:[^\\s]+)$/i', ['https://', 'mailto:']],
  ['/^([ \\t]+#+)?[ \\t]*$/', ['', ' #']],
  ['/\\r\\n?/g', ['']],
  ['/^\\s{2,}\\S/', ['  ']],
  ['/^(https?:\\/\\/[^\\s<>"]*[^\\s<>".,:;\'")\\]!?*_~])/i', ['https://', 'http://']],
  ['/^<((?:https?:\\/\\/|mailto:)[^\\s<>]+)>/i', ['<https://', '<mailto:']],
  // The asset access check (common/assetAccess.ts, common/node/assetAccess/, its settings and options).
  ['/^https:\\/\\/[^/?#\\s]/i', ['https://']],
  ['/^[a-z][a-z0-9+.-]*:\\/\\/(?:[^@/?#]*@)?(\\[[^\\]]*\\]|[^/?#:]*)/i', ['a://', 'a://[', 'a://a@']],
  ['/^\\s*\\d+\\s*$/', ['', ' ', '1', '1 ']],
  ['/^https?:\\/\\/[^/\\s]+$/i', ['https://', 'http://']],
]);

/** Characters an expression names, and a few common ones: the material of the hostile runs. */
function alphabetOf(literal: string): string[] {
  const body = literal.slice(1, literal.lastIndexOf('/'));
  const characters = new Set([' ', 'a', '0']);
  const escapes: Record<string, string> = { d: '0', s: ' ', w: 'a', S: 'x', D: 'x', W: '!', t: '\t', n: '\n', r: '\r' };
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      const next = body[++i];
      characters.add(escapes[next] ?? next);
    } else if (!'()[]{}|^$*+?'.includes(body[i])) {
      characters.add(body[i]);
    }
  }
  return [...characters];
}

/** The runs: one character, or two in turn, many times over. */
function hostileTails(alphabet: readonly string[]): string[] {
  const tails: string[] = [];
  for (const a of alphabet) {
    tails.push(a.repeat(RUN));
    for (const b of alphabet) if (a < b) tails.push((a + b).repeat(RUN / 2));
  }
  return tails;
}

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

test('every regular expression of the product code that can backtrack is reviewed here', () => {
  const unreviewed = listRegexes()
    .filter((site) => !cannotBacktrack(site.source) && !REVIEWED.has(site.source))
    .map((site) => `${site.file}:${site.line} ${site.source}`);
  assert.deepEqual(unreviewed, [], 'List these in REVIEWED with the prefixes that reach their quantifiers.');
  const inUse = new Set(listRegexes().map((site) => site.source));
  assert.deepEqual(
    [...REVIEWED.keys()].filter((source) => !inUse.has(source)),
    [],
    'No longer in the code: remove them from REVIEWED.',
  );
});

test('each reviewed expression matches inputs built to backtrack in linear time', () => {
  const slow: string[] = [];
  for (const [literal, prefixes] of REVIEWED) {
    // The expression exactly as the code writes it.
    const regex = new Function(`return ${literal};`)() as RegExp;
    let worst = { ms: 0, input: '' };
    for (const prefix of prefixes) {
      for (const tail of hostileTails(alphabetOf(literal))) {
        // A line break, then a character no expression here ends with.
        const input = `${prefix}${tail}\n\u0000`;
        regex.lastIndex = 0;
        const ms = timed(() => (regex.global ? input.replace(regex, '') : regex.exec(input)));
        if (ms > worst.ms) worst = { ms, input };
      }
    }
    if (worst.ms >= BOUND_MS) slow.push(`${literal} took ${Math.round(worst.ms)} ms on ${JSON.stringify(worst.input.slice(0, 40))}…`);
  }
  assert.deepEqual(slow, []);
});

test('the code around the expressions stays linear: URLs, snippets, links, paths', () => {
  const context = createValidationContext();
  const probes: Array<[string, () => unknown, unknown]> = [
    ['a query of many "?" then a line break', () => withoutQuery(`https://x.com/a.jpg${'?'.repeat(200_000)}\n`), 'https://x.com/a.jpg'],
    ['the extension of such a URL', () => extensionOf(`https://x.com/a.jpg${'#'.repeat(200_000)}\n`), 'jpg'],
    ['its media type', () => mediaTypeOfUrl(`https://x.com/a.png?${'?'.repeat(200_000)}`), 'IMAGE'],
    ['a local path of many dots', () => looksLikeLocalPath(`${'a.'.repeat(100_000)}!`), false],
    ['an address of many folders', () => isAddress(`${'a/'.repeat(100_000)}!`), false],
    ['a placeholder that never closes', () => fillPlaceholders(`\${1|${'a'.repeat(200_000)}`).length, 200_004],
    ['many placeholders that never close', () => fillPlaceholders('${1:'.repeat(100_000)).length, 400_000],
    [
      'a workspace path behind a rewrite, with many "?"',
      () =>
        resolveAddress(`gs://b/${'?'.repeat(60_000)}\n`, { rules: [{ from: 'gs://b/', toFolder: '/w/m' }], workspaceFolders: [{ name: 'w', path: '/w' }] })
          .kind,
      'local',
    ],
    [
      'links in a row of many URLs without closing quotes',
      () => documentLinks(new ImportDocument(`[{ "row_data": "https://x.com/a.jpg", "n": "${'"https://a\\\\'.repeat(20_000)}" }]`, context)).length,
      1,
    ],
  ];
  for (const [what, probe, expected] of probes) {
    let result: unknown;
    const ms = timed(() => (result = probe()));
    assert.deepEqual(result, expected, what);
    assert.ok(ms < BOUND_MS, `${what}: ${Math.round(ms)} ms`);
  }
});
