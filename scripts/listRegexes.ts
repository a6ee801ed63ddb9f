import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every regular expression of the product code (the server, the CLI, the client and the
 * preview page), for test/hostile/regexes.test.ts: each one that could backtrack must be
 * listed there with an input built to make it do so.
 */

export interface RegexSite {
  file: string;
  line: number;
  /** The literal as written (`/…/flags`), or `new RegExp(…)` with its arguments. */
  source: string;
}

const REPO = join(import.meta.dirname, '..');
const ROOTS = ['common', 'service', 'server', 'client', 'webview'];

export function listRegexes(): RegexSite[] {
  const sites: RegexSite[] = [];
  for (const root of ROOTS) {
    for (const path of filesUnder(join(REPO, root))) {
      if (!path.endsWith('.ts') || path.endsWith('.d.ts')) continue;
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        const isLiteral = node.kind === ts.SyntaxKind.RegularExpressionLiteral;
        const isConstructed = ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp';
        if (isLiteral || isConstructed) {
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          sites.push({ file: relative(REPO, path).replaceAll('\\', '/'), line, source: node.getText(source) });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return sites;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Expressions that cannot backtrack: no quantifier at all, or a single element (a character,
 * a class, an escape) with or without a quantifier and nothing after it. Any other one is
 * reviewed in the test.
 */
export function cannotBacktrack(literal: string): boolean {
  const match = /^\/(.*)\/[a-z]*$/s.exec(literal);
  if (!match) return false;
  const body = match[1];
  if (!/[*+?{]/.test(body.replace(/\\./g, ''))) return true;
  return /^\^?(\\.|\[(\\.|[^\]\\])*\]|[^\\[(|*+?{])([*+?]|\{\d+(,\d*)?\})?\$?$/.test(body);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const site of listRegexes()) console.log(`${cannotBacktrack(site.source) ? 'simple  ' : 'REVIEW  '}${site.file}:${site.line} ${site.source}`);
}
