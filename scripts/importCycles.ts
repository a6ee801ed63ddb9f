/**
 * Import cycles among the project's TypeScript files, type-only imports included (a type-only
 * cycle still ties two modules together). Run by test/unit/importCycles.test.ts;
 * `npx tsx scripts/importCycles.ts` prints them.
 */
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const REPO = join(__dirname, '..');
export const ROOTS = ['common', 'service', 'server', 'client', 'webview', 'test', 'bench', 'scripts'];

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return /\.ts$/.test(path) && !path.endsWith('.d.ts') ? [path] : [];
  return readdirSync(path).flatMap((name) => (name === 'node_modules' || name === 'fixtures' ? [] : filesUnder(join(path, name))));
}

/** The project files a file imports: import, export … from, import type, import(), require(). */
export function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier))
    .flatMap((base) => [`${base}.ts`, join(base, 'index.ts')].filter(existsSync).slice(0, 1));
}

/** Strongly connected components of more than one file (or a file that imports itself), as paths from the repository. */
export function findCycles(files: string[], importsOfFile = importsOf): string[][] {
  const edges = new Map(files.map((file) => [file, importsOfFile(file)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(relative(REPO, member));
    } while (member !== file);
    if (component.length > 1 || edges.get(file)!.includes(file)) cycles.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}

export function projectCycles(): string[][] {
  return findCycles(
    ROOTS.map((root) => join(REPO, root))
      .filter(existsSync)
      .flatMap(filesUnder),
  );
}

if (require.main === module) {
  const cycles = projectCycles();
  for (const cycle of cycles) console.log(`files that import each other in a cycle: ${cycle.join(', ')}`);
  console.log(`${cycles.length} cycle${cycles.length === 1 ? '' : 's'}`);
  process.exitCode = cycles.length ? 1 : 0;
}
