import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, type RuleCode } from '../../service';

/**
 * Every rule in the registry has at least one positive test (an `expectProblem(…, 'code'`
 * call) and one negative test (`expectNoProblem(…, 'code'`) in the unit tests, so a new rule
 * cannot land untested. too-many-problems's negative case is in limits.test.ts.
 */

const folder = join(import.meta.dirname, '.');
const sources = readdirSync(folder)
  .filter((name) => name.endsWith('.test.ts') && name !== 'ruleCoverage.test.ts')
  .map((name) => readFileSync(join(folder, name), 'utf8'))
  .join('\n');

/** Rule codes named in calls of `helper`: the first quoted rule code in each call's arguments. */
function calls(helper: string): Set<string> {
  const found = new Set<string>();
  for (const match of sources.matchAll(new RegExp(`${helper}\\(([\\s\\S]*?)\\);?[ \\t]*$`, 'gm'))) {
    const code = [...match[1].matchAll(/'([a-z0-9-]+)'/g)].map((literal) => literal[1]).find((literal) => literal in RULES);
    if (code) found.add(code);
  }
  return found;
}

const codes = Object.keys(RULES) as RuleCode[];

test('every rule code has a positive unit test', () => {
  const positive = calls('expectProblem');
  assert.deepEqual(
    codes.filter((code) => !positive.has(code)),
    [],
  );
});

test('every rule code has a negative unit test', () => {
  const negative = calls('expectNoProblem');
  assert.deepEqual(
    codes.filter((code) => !negative.has(code)),
    [],
  );
});
