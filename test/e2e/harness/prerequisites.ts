/**
 * What a machine needs to run the browser VS Code of `npm start` and the end-to-end tests,
 * checked all at once so that one message says everything that is missing and how to install
 * it. The build tools are needed only while code-server is not installed yet.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The last code-server release that runs on Node 20 (VS Code 1.100.3). */
export const CODE_SERVER_VERSION = '4.100.3';
export const NODE_MAJOR = 20;

export interface Missing {
  /** What is missing, as the user would look for it. */
  what: string;
  why: string;
  /** Debian/Ubuntu packages that provide it (empty when it is not a package). */
  debian: string[];
  /** Homebrew formulas that provide it. */
  brew: string[];
}

export interface PrerequisiteOptions {
  /** Whether code-server still has to be installed (and its native modules built). */
  installing: boolean;
  nodeVersion?: string;
  /** Folder of the running node executable, whose ../include/node holds the headers. */
  execPath?: string;
  env?: NodeJS.ProcessEnv;
}

/** Where a program is on the PATH, or undefined. */
export function findOnPath(tool: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, tool);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The Node headers of a node executable (Debian's and the official builds ship them). */
export function nodeHeadersDir(execPath = process.execPath): string {
  return path.resolve(path.dirname(execPath), '..');
}

export function missingPrerequisites(options: PrerequisiteOptions): Missing[] {
  const env = options.env ?? process.env;
  const version = options.nodeVersion ?? process.versions.node;
  const missing: Missing[] = [];
  if (Number(version.split('.')[0]) !== NODE_MAJOR) {
    missing.push({
      what: `Node.js ${NODE_MAJOR} (this is Node ${version})`,
      why: `code-server ${CODE_SERVER_VERSION}, the browser VS Code it starts, runs on Node ${NODE_MAJOR} only. With nvm: nvm install ${NODE_MAJOR} && nvm use ${NODE_MAJOR}`,
      debian: [],
      brew: [],
    });
  }
  if (!options.installing) return missing;
  if (!findOnPath('rg', env)) missing.push({ what: 'ripgrep (rg)', why: "VS Code's search runs it", debian: ['ripgrep'], brew: ['ripgrep'] });
  const toolchain = ['make', 'g++'].filter((tool) => !findOnPath(tool, env));
  if (toolchain.length)
    missing.push({ what: toolchain.join(' and '), why: "code-server's native modules are built from source with them", debian: ['build-essential'], brew: [] });
  if (!findOnPath('python3', env))
    missing.push({ what: 'python3', why: 'node-gyp, which builds those modules, runs it', debian: ['python3'], brew: ['python3'] });
  if (!existsSync(path.join(nodeHeadersDir(options.execPath), 'include', 'node', 'node.h'))) {
    missing.push({
      what: `the Node.js headers (${path.join(nodeHeadersDir(options.execPath), 'include', 'node')})`,
      why: 'native modules are built against them',
      debian: ['libnode-dev'],
      brew: [],
    });
  }
  return missing;
}

/** One message: everything missing, why, and the commands that install it. */
export function prerequisitesMessage(missing: readonly Missing[]): string {
  const lines = ['The browser VS Code (code-server) cannot run on this machine yet. Missing:', ''];
  for (const item of missing) lines.push(`  - ${item.what}: ${item.why}.`);
  const debian = [...new Set(missing.flatMap((item) => item.debian))];
  const brew = [...new Set(missing.flatMap((item) => item.brew))];
  if (debian.length || brew.length) lines.push('');
  if (debian.length) lines.push(`On Debian or Ubuntu:  sudo apt-get install -y ${debian.join(' ')}`);
  if (brew.length || missing.some((item) => item.debian.includes('build-essential'))) {
    const toolchain = missing.some((item) => item.debian.includes('build-essential')) ? '  (make and g++: xcode-select --install)' : '';
    lines.push(`On macOS:             ${brew.length ? `brew install ${brew.join(' ')}` : ''}${toolchain}`.trimEnd());
  }
  lines.push('', 'Then run the command again.');
  return lines.join('\n');
}
