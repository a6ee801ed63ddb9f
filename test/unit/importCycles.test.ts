import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCycles, projectCycles } from '../../scripts/importCycles';

test('no import cycles, type-only imports included (npx tsx scripts/importCycles.ts lists them)', () => {
  assert.deepEqual(projectCycles(), []);
});

test('the cycle finder finds a cycle through three files, and none in a chain', () => {
  const graph: Record<string, string[]> = { '/r/a.ts': ['/r/b.ts'], '/r/b.ts': ['/r/c.ts'], '/r/c.ts': ['/r/a.ts'], '/r/d.ts': ['/r/a.ts'] };
  assert.equal(findCycles(Object.keys(graph), (file) => graph[file]).length, 1);
  assert.deepEqual(
    findCycles(['/r/d.ts', '/r/a.ts'], (file) => (file === '/r/d.ts' ? ['/r/a.ts'] : [])),
    [],
  );
});
