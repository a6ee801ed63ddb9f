import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JsonValue } from '../../../service/json/ast';

const ROOT = resolve(__dirname, '../../..');

/**
 * The elements of every JSON file in the repository's fixtures and examples (a file that is
 * not an array counts as one element): the rows users and tests wrote, right and wrong. Files
 * with syntax errors on purpose are left out, and so are the expected outputs (*.expect.json).
 */
export function repositoryElements(): JsonValue[] {
  const elements: JsonValue[] = [];
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) return readdirSync(path).forEach((name) => visit(join(path, name)));
    if (!path.endsWith('.json') || path.endsWith('.expect.json')) return;
    let value: JsonValue;
    try {
      value = JSON.parse(readFileSync(path, 'utf8')) as JsonValue;
    } catch {
      return;
    }
    elements.push(...(Array.isArray(value) ? value : [value]));
  };
  visit(join(ROOT, 'test/fixtures'));
  visit(join(ROOT, 'examples'));
  return elements;
}

/** The data row objects among repositoryElements. */
export function repositoryRows(): Array<{ [key: string]: JsonValue }> {
  return repositoryElements().filter(
    (element): element is { [key: string]: JsonValue } => element !== null && typeof element === 'object' && !Array.isArray(element),
  );
}
