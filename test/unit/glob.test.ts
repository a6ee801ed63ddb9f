import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob, GlobError, globProblem, matchesAnyGlob, MAX_GLOB_ALTERNATIVES } from '../../service/text/glob';

const matches = (pattern: string, path: string) => compileGlob(pattern).matches(path);

test('glob syntax: *, **, **/, ?, sets and alternatives', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*.json', 'a.json', true],
    ['*.json', 'dir/a.json', false],
    ['**/*.json', 'a.json', true],
    ['**/*.json', 'a/b/c.json', true],
    ['**/labelbox/**/*.json', 'x/labelbox/y/z/a.json', true],
    ['**/labelbox/**/*.json', 'labelbox/a.json', true],
    ['**/labelbox/**/*.json', 'x/labelboxes/a.json', false],
    ['data/**', 'data/a/b', true],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['[ab].json', 'b.json', true],
    ['[ab].json', 'c.json', false],
    ['[a-c]x', 'bx', true],
    ['[!a-c]x', 'dx', true],
    ['[!a-c]x', 'bx', false],
    ['a[!b]c', 'a/c', false],
    ['*.{json,jsonl}', 'a.jsonl', true],
    ['*.{json,jsonl}', 'a.csv', false],
    ['{data,exports}/**/*.json', 'exports/x/a.json', true],
    ['{**/a,b}.json', 'x/y/a.json', true],
    ['a{b,{c,d}}e', 'ade', true],
    ['a{b', 'a{b', true],
    ['a[b', 'a[b', true],
    ['a.b', 'axb', false],
    ['(x)+$^|', '(x)+$^|', true],
    ['***.json', 'a.json', true],
  ];
  for (const [pattern, path, expected] of cases) assert.equal(matches(pattern, path), expected, `${pattern} ~ ${path}`);
});

test('matchesAnyGlob: a pattern without a slash matches the file name in any folder', () => {
  assert.equal(matchesAnyGlob('/home/u/project/data/rows.labelbox.json', ['**/*.labelbox.json']), true);
  assert.equal(matchesAnyGlob('C:\\work\\data\\rows.json', ['rows.json']), true);
  assert.equal(matchesAnyGlob('/home/u/project/labelbox/a.json', ['**/labelbox/**/*.json']), true);
  assert.equal(matchesAnyGlob('/home/u/project/other/a.json', ['**/labelbox/**/*.json']), false);
});

test('a pattern that cannot be used gets a message saying why, and matches nothing', () => {
  assert.match(globProblem('[z-a].json')!, /"\[z-a\]\.json" has the range "z-a", which is backwards: write "a-z"/);
  assert.match(globProblem('[!].json')!, /empty character set/);
  assert.match(globProblem('x'.repeat(2000))!, /longer than 1000 characters/);
  assert.match(globProblem('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}')!, new RegExp(`more than ${MAX_GLOB_ALTERNATIVES} alternatives`));
  assert.throws(() => compileGlob('[z-a].json'), GlobError);
  assert.equal(globProblem('**/*.{json,jsonl}'), undefined);
  // The server and the CLI skip it: no exception, no match.
  assert.equal(matchesAnyGlob('/w/[z-a].json', ['[z-a].json']), false);
  assert.equal(matchesAnyGlob('/w/a.labelbox.json', ['[z-a].json', '*.labelbox.json']), true);
  // Alternatives holding what a regular expression would reject are ordinary patterns.
  assert.equal(matches('{*.json,x}', 'a.json'), true);
});

test('patterns built to backtrack match in linear time', () => {
  // Sixteen stars against a long name that almost matches: a backtracking matcher takes
  // exponential time here. The bound is generous (linear takes a few milliseconds).
  const hostile: Array<[string, string]> = [
    ['*'.repeat(1).concat('a*'.repeat(16), 'b'), 'a'.repeat(4000)],
    ['**/'.repeat(50).concat('x'), 'a/'.repeat(2000)],
    ['**a'.repeat(30).concat('b'), 'a'.repeat(4000)],
    ['{a,a*}'.repeat(4).concat('*b'), 'a'.repeat(4000)],
    ['*?'.repeat(200).concat('b'), 'a'.repeat(4000)],
  ];
  for (const [pattern, path] of hostile) {
    const glob = compileGlob(pattern);
    const started = performance.now();
    assert.equal(glob.matches(path), false, pattern);
    assert.ok(performance.now() - started < 2000, `${pattern.slice(0, 40)}… took ${Math.round(performance.now() - started)} ms`);
  }
  assert.equal(compileGlob('a*'.repeat(16)).matches('a'.repeat(40)), true);
});
