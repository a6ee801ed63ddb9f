import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The code block that follows `<!-- tested: NAME -->` in the README: the examples users copy,
 * which the tests run as written.
 */
export function readmeExample(name: string): string {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const marker = readme.indexOf(`<!-- tested: ${name} -->`);
  if (marker < 0) throw new Error(`README.md has no example marked "tested: ${name}"`);
  const open = readme.indexOf('```', marker);
  const start = readme.indexOf('\n', open) + 1;
  const end = readme.indexOf('\n```', start);
  return readme.slice(start, end + 1);
}
