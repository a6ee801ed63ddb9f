import type { Context } from 'mocha';

/**
 * Why each skipped test was skipped, by full title, for the report. Shared through a global
 * because each test file is bundled on its own with a copy of this module.
 */
const globalKey = '__labelboxE2eSkipReasons';
export const skipReasons: Map<string, string> = ((globalThis as Record<string, unknown>)[globalKey] ??= new Map<string, string>()) as Map<string, string>;

/** Skips the running test with a reason unless `condition` holds. */
export function skipUnless(context: Context, condition: boolean, reason: string): void {
  if (condition) return;
  const test = context.currentTest ?? context.test;
  if (test) skipReasons.set(test.fullTitle(), reason);
  context.skip();
}
