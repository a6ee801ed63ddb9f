import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { importsOf } from '../../scripts/importCycles';

// Who may import whom (CONTRIBUTING.md, "Layout"): each layer is its own TypeScript project, so
// an import a layer may not make fails `npm run build` (tsc -b). This test tries such imports.

const ROOT = join(__dirname, '..', '..');
/** Parsed files (the libraries, @types/node, the layers' sources), shared by the programs of this test. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/**
 * Compiles one layer's project (its real tsconfig.json, references included) with extra files
 * kept in memory, one per import to try, and returns the error codes each of them causes.
 */
function tryImports(layer: string, probes: Record<string, string>): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, layer, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  )!;
  const files = new Map(Object.entries(probes).map(([name, text]) => [join(ROOT, layer, `__probe_${name}__.ts`), { name, text }]));
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (file, language, ...rest) => {
    const probe = files.get(file);
    if (probe) return ts.createSourceFile(file, probe.text, language);
    if (!parsed.has(file)) parsed.set(file, getSourceFile(file, language, ...rest));
    return parsed.get(file);
  };
  host.fileExists = (file) => files.has(file) || fileExists(file);
  const program = ts.createProgram({
    rootNames: [...config.fileNames, ...files.keys()],
    options: { ...config.options, noEmit: true },
    projectReferences: config.projectReferences,
    host,
  });
  const codes = new Map<string, string[]>([...files.values()].map(({ name }) => [name, []]));
  const probed = [...files.keys()].flatMap((file) => program.getSemanticDiagnostics(program.getSourceFile(file)));
  for (const diagnostic of [...program.getOptionsDiagnostics(), ...probed]) {
    // TS6307 (a file outside the project) is reported at the import that pulls the file in.
    const probe = diagnostic.file && files.get(diagnostic.file.fileName);
    if (probe) codes.get(probe.name)!.push(`TS${diagnostic.code}`);
  }
  return codes;
}

test('each layer imports what it may, and a forbidden import fails to compile', () => {
  const client = tryImports('client', {
    service: "import { RULES } from '../service';\nexport const x = RULES;",
    allowed:
      "import { MEDIA_TYPES } from '../common/mediaTypes';\nimport { resolveAddress } from '../common/node/urlResolver';\nimport { GalleryRequest } from '../common/protocol';\nexport const x = [MEDIA_TYPES, resolveAddress, GalleryRequest];",
  });
  assert.deepEqual(client.get('service'), ['TS6307']);
  assert.deepEqual(client.get('allowed'), []);
  const service = tryImports('service', {
    lsp: "import { TextDocuments } from 'vscode-languageserver';\nexport const x = TextDocuments;",
    node: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
  });
  assert.deepEqual(service.get('lsp'), ['TS2305']);
  assert.deepEqual(service.get('node'), ['TS2307']);
  const webview = tryImports('webview', {
    node: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
    nodePartOfCommon: "import { resolveAddress } from '../common/node/urlResolver';\nexport const x = resolveAddress;",
    allowed: "import { MEDIA_TYPES } from '../common/mediaTypes';\nexport const x = MEDIA_TYPES;",
  });
  assert.deepEqual(webview.get('node'), ['TS2307']);
  assert.deepEqual(webview.get('nodePartOfCommon'), ['TS6307']);
  assert.deepEqual(webview.get('allowed'), []);
  const common = tryImports('common', {
    service: "import { RULES } from '../service/rules';\nexport const x = RULES;",
    editor: "import { window } from 'vscode';\nexport const x = window;",
    allowed: "import { RequestType } from 'vscode-languageserver-protocol';\nexport const x = RequestType;",
  });
  assert.deepEqual(common.get('service'), ['TS6307']);
  assert.deepEqual(common.get('editor'), ['TS2305']);
  assert.deepEqual(common.get('allowed'), []);
  const server = tryImports('server', {
    client: "import { PREVIEW_VIEW_TYPE } from '../client/preview/previewPanel';\nexport const x = PREVIEW_VIEW_TYPE;",
    allowed: "import { RULES } from '../service';\nimport { readFileCapped } from '../common/node/readCapped';\nexport const x = [RULES, readFileCapped];",
  });
  assert.deepEqual(server.get('client'), ['TS6307']);
  assert.deepEqual(server.get('allowed'), []);
});

test('the server, the CLI and the workers use the service only through service/index.ts, its public API', () => {
  const service = join(ROOT, 'service');
  const deep = filesUnder(join(ROOT, 'server')).flatMap((file) =>
    importsOf(file)
      .filter((imported) => imported.startsWith(`${service}/`) && imported !== join(service, 'index.ts'))
      .map((imported) => `${relative(ROOT, file)} → ${relative(ROOT, imported)}`),
  );
  assert.deepEqual(deep, []);
  // The check sees such an import: the index itself is a file of the service.
  assert.ok(importsOf(join(ROOT, 'server', 'lsp', 'serverMain.ts')).includes(join(service, 'index.ts')));
});

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [join(folder, entry.name)] : [],
  );
}

test('the extension reads its settings in client/settings.ts only', () => {
  const readers = filesUnder(join(ROOT, 'client')).filter((file) => /\.(getConfiguration|affectsConfiguration)\(/.test(readFileSync(file, 'utf8')));
  assert.deepEqual(
    readers.map((file) => relative(ROOT, file)),
    ['client/settings.ts'],
  );
});
