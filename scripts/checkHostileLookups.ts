import ts from 'typescript';
import { dirname, join, relative } from 'node:path';

/**
 * Finds lookups that let a string from a file or a workspace reach an object's prototype:
 * `object[key]` and `key in object` with a key typed `string` (not a union of known
 * literals), `for (… in …)`, `Object.assign` from anything but an object literal (it assigns,
 * so a "__proto__" key replaces the prototype) and `x.hasOwnProperty(…)` (a parsed object may
 * have its own "hasOwnProperty"). With a key of "constructor", "toString" or "__proto__" such
 * a lookup finds Object.prototype's members (or, when assigning, sets the prototype). Use a
 * Map, or ownValue / hasOwnKey from common/ownKeys.ts, the one place allowed
 * to do such a lookup (after an own-property check).
 *
 * Run by test/unit/hostileLookups.test.ts; `npx tsx scripts/checkHostileLookups.ts` prints the findings.
 */

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

const REPO = join(import.meta.dirname, '..');
/** Each layer's project; a program of one also holds the files of the layers it imports. */
const PROJECTS = [
  'common/tsconfig.json',
  'common/node/tsconfig.json',
  'service/tsconfig.json',
  'server/tsconfig.json',
  'client/tsconfig.json',
  'webview/tsconfig.json',
];
/** Product code: what ships in the extension, the server, the CLI and the preview page. */
const PRODUCT = /^(common|service|server|client|webview)\//;
const ALLOWED_FILES = new Set(['common/ownKeys.ts']);

export function findHostileLookups(
  projects: readonly string[] = PROJECTS.map((project) => join(REPO, project)),
  isProduct = (file: string) => PRODUCT.test(file),
): Finding[] {
  const findings = new Map<string, Finding>();
  for (const project of projects) {
    const program = programOf(project);
    const checker = program.getTypeChecker();
    for (const source of program.getSourceFiles()) {
      const file = relative(REPO, source.fileName).replaceAll('\\', '/');
      if (source.isDeclarationFile || !isProduct(file) || ALLOWED_FILES.has(file)) continue;
      const visit = (node: ts.Node): void => {
        const why = hostileLookup(node, checker);
        if (why) {
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          findings.set(`${file}:${line}:${node.getStart(source)}`, { file, line, text: node.getText(source).slice(0, 120), why });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return [...findings.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function programOf(project: string): ts.Program {
  const config = ts.readConfigFile(project, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(project));
  return ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
}

function hostileLookup(node: ts.Node, checker: ts.TypeChecker): string | undefined {
  if (ts.isElementAccessExpression(node)) {
    const objectType = checker.getTypeAtLocation(node.expression);
    if (isIndexedByPosition(objectType, checker)) return undefined;
    if (isOpenString(checker.getTypeAtLocation(node.argumentExpression))) return 'object[key] with a key typed string';
    return undefined;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword) {
    if (isOpenString(checker.getTypeAtLocation(node.left))) return '"key in object" with a key typed string';
    return undefined;
  }
  if (ts.isForInStatement(node)) return 'for…in also walks inherited keys';
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const callee = node.expression;
    if (callee.name.text === 'hasOwnProperty') return 'x.hasOwnProperty(): use Object.hasOwn';
    if (
      callee.name.text === 'assign' &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'Object' &&
      node.arguments.slice(1).some((argument) => !ts.isObjectLiteralExpression(argument))
    ) {
      return 'Object.assign from a value that may hold "__proto__"';
    }
  }
  return undefined;
}

/** Arrays, tuples and strings: indexed by numbers; a string key there is a mistake TypeScript already reports. */
function isIndexedByPosition(type: ts.Type, checker: ts.TypeChecker): boolean {
  const apparent = checker.getApparentType(type);
  if (checker.isArrayType(apparent) || checker.isTupleType(apparent)) return true;
  if (apparent.getFlags() & ts.TypeFlags.StringLike) return true;
  const symbol = apparent.getSymbol();
  return Boolean(symbol && /^(String|Uint8Array|Int32Array|Uint32Array|Float64Array|Buffer)$/.test(symbol.getName()));
}

/** A string type that is not a union of known literals: `string`, a template, or a union holding one. */
function isOpenString(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.some(isOpenString);
  const flags = type.getFlags();
  return Boolean(flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.Any | ts.TypeFlags.Unknown));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const findings = findHostileLookups();
  for (const finding of findings) console.log(`${finding.file}:${finding.line}: ${finding.why}: ${finding.text}`);
  console.log(`${findings.length} finding${findings.length === 1 ? '' : 's'}`);
  process.exitCode = findings.length ? 1 : 0;
}
