import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { OPTIONS } from '../../server/cli/args';
import { matchesAnyGlob } from '../../service/text/glob';
import { readmeExample } from './readmeExamples';

/**
 * The places the validator runs outside VS Code, as a user meets them: the package `npm pack`
 * makes, installed with only Node; `npx`; the GitHub Action's steps run with the environment
 * GitHub gives them; the pre-commit hook's manifest and entry. Each README example of these
 * places is run here as written.
 *
 * The action and the pack run in a copy of the repository's files (as GitHub checks an action
 * out), so that packing builds there and never rewrites this checkout's dist/ under other tests.
 */

const repo = join(import.meta.dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  repository: { url: string };
  contributes: { configuration: { properties: Record<string, { default: unknown }> } };
};
const TARBALL = `${packageJson.name}-${packageJson.version}.tgz`;

let scratch = '';
let checkout = '';
let tarball = '';
let prefix = '';

const CLEAN = '[\n  { "row_data": "https://media.example-lab.org/a.jpg", "global_key": "a", "media_type": "IMAGE" }\n]\n';
const BROKEN = '[\n  { "row_data": "s3://lab-bucket/b.jpg", "global_key": "b", "media_type": "IMAGE" }\n]\n';
const WARNING_ONLY = '[\n  { "row_data": "http://media.example-lab.org/c.jpg", "global_key": "c", "media_type": "IMAGE" }\n]\n';

/** Only Node on the PATH, and no way back to this repository's node_modules. */
function bareEnv(extraPath: string[] = []): NodeJS.ProcessEnv {
  return {
    PATH: [...extraPath, dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    HOME: join(scratch, 'home'),
    npm_config_cache: join(scratch, 'npm-cache'),
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
  };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 180_000 });
}

function workspaceWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(scratch, 'workspace-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  // The CLI stops looking for a settings file at a repository root.
  mkdirSync(join(folder, '.git'));
  return folder;
}

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'labelbox-dist-'));
  mkdirSync(join(scratch, 'home'));
  checkout = join(scratch, 'checkout');
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repo, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) if (existsSync(join(repo, file))) cpSync(join(repo, file), join(checkout, file), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  // pre-commit and the action take the whole output of `npm pack` as the package's name.
  const packed = execFileSync('npm', ['pack', '--pack-destination', scratch], {
    cwd: checkout,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  tarball = join(scratch, packed.trim());
  prefix = join(scratch, 'global');
  const installed = run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], scratch, bareEnv());
  assert.equal(installed.status, 0, installed.stderr);
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('npm pack makes a package of the bundles and the schemas only, without dependencies', () => {
  assert.equal(tarball, join(scratch, TARBALL));
  const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
  assert.deepEqual(listed, [
    'package/LICENSE',
    'package/README.md',
    'package/dist/checkWorker.js',
    'package/dist/cli.js',
    'package/package.json',
    'package/schemas/data-row-import.schema.json',
    'package/schemas/metadata-schema.schema.json',
  ]);
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
  assert.equal(manifest.dependencies, undefined, 'everything the CLI needs is bundled');
  assert.equal(manifest.private, undefined);
  assert.deepEqual(manifest.bin, { 'labelbox-import': 'dist/cli.js' });
  // Less code to load on every start: the bundles check with the generated validators only.
  for (const bundle of ['package/dist/cli.js', 'package/dist/checkWorker.js']) {
    const code = execFileSync('tar', ['-xzOf', tarball, bundle], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.doesNotMatch(code, /schema with key or id/, `${bundle} leaves out ajv's schema compiler (its addSchema message)`);
    assert.doesNotMatch(code, /"contributes"|contributes:/, `${bundle} takes only the version from package.json`);
  }
});

test('the installed command runs with only Node: --version, --help with every option, and its exit codes', () => {
  const bin = join(prefix, 'bin', 'labelbox-import');
  const folder = workspaceWith({ 'clean.labelbox.json': CLEAN, 'broken.labelbox.json': BROKEN, 'warning.labelbox.json': WARNING_ONLY });
  const env = bareEnv();
  assert.equal(run(bin, ['--version'], folder, env).stdout.trim(), packageJson.version);
  const help = run(bin, ['--help'], folder, env);
  assert.equal(help.status, 0);
  for (const option of OPTIONS) for (const name of option.names) assert.match(help.stdout, new RegExp(`(^|[ ,])${name}\\b`, 'm'), `--help lists ${name}`);
  assert.equal(run(bin, ['validate', 'clean.labelbox.json'], folder, env).status, 0);
  const broken = run(bin, ['validate', 'broken.labelbox.json'], folder, env);
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /^broken\.labelbox\.json:2:\d+ error s3-url /m);
  assert.equal(run(bin, ['validate', 'warning.labelbox.json'], folder, env).status, 0, 'warnings alone pass');
  assert.equal(run(bin, ['validate', '--fail-on-warnings', 'warning.labelbox.json'], folder, env).status, 1);
  assert.equal(run(bin, ['validate', 'missing.labelbox.json'], folder, env).status, 2);
});

test('README, command line: the package installs globally and runs, also through npx', () => {
  const lines = readmeExample('cli').split('\n').filter(Boolean);
  // The first line (npm ci && npm pack) made the tarball in before(): it names the same file.
  assert.equal(lines[0], 'npm ci && npm pack');
  const folder = workspaceWith({ 'data/a.labelbox.json': CLEAN, 'data/b.labelbox.json': BROKEN });
  cpSync(tarball, join(folder, TARBALL));
  const userPrefix = join(scratch, 'user-global');
  const env = { ...bareEnv([join(userPrefix, 'bin')]), npm_config_prefix: userPrefix };
  const outputs = lines.slice(1).map((line) => run('bash', ['-c', line], folder, env));
  assert.equal(outputs[0].status, 0, outputs[0].stderr);
  for (const [index, output] of outputs.slice(1).entries()) {
    assert.equal(output.status, 1, `${lines[index + 2]}: ${output.stderr}`);
    assert.match(output.stdout, /^data\/b\.labelbox\.json:2:\d+ error s3-url /m);
    assert.doesNotMatch(output.stdout, /a\.labelbox\.json/);
  }
});

test('README, settings: the workspace settings file sets severities and the cap; command-line options go over it', () => {
  const file = '[\n  { "row_data": "http://media.example-lab.org/c.jpg", "global_key": "c" }\n]\n';
  const folder = workspaceWith({ '.vscode/settings.json': readmeExample('settings'), 'data/c.labelbox.json': file });
  const bin = join(prefix, 'bin', 'labelbox-import');
  const withSettings = run(bin, ['validate', 'data/c.labelbox.json'], folder, bareEnv());
  assert.equal(withSettings.status, 1, 'insecure-url is an error in the settings');
  assert.match(withSettings.stdout, /error insecure-url/);
  assert.doesNotMatch(withSettings.stdout, /missing-media-type/, 'turned off in the settings');
  const without = run(bin, ['validate', '--no-settings', 'data/c.labelbox.json'], folder, bareEnv());
  assert.match(without.stdout, /warning insecure-url/);
  assert.match(without.stdout, /missing-media-type/);
  const overridden = run(bin, ['validate', '--severity', 'insecure-url=warning', 'data/c.labelbox.json'], folder, bareEnv());
  assert.equal(overridden.status, 0);
  assert.match(overridden.stdout, /warning insecure-url/);
  // Every key of the example is a setting of the extension, with the spelling VS Code uses.
  const settingKeys = Object.keys(packageJson.contributes.configuration.properties);
  for (const key of readmeExample('settings').match(/"labelboxImport\.[A-Za-z.]+"/g) ?? []) assert.ok(settingKeys.includes(JSON.parse(key)), key);
});

interface ActionManifest {
  inputs: Record<string, { description: string; default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; shell: string; run: string; env?: Record<string, string> }[] };
}

/** Runs the composite action's steps as GitHub does: `${{ inputs.* }}` filled in, GITHUB_* variables, GITHUB_PATH applied between steps. */
function runAction(inputs: Record<string, string>, workspace: string): { status: number | null; stdout: string; outputs: Record<string, string> } {
  const action = loadYaml(readFileSync(join(checkout, 'action.yml'), 'utf8')) as ActionManifest;
  const values = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? input.default]));
  const runnerTemp = mkdtempSync(join(scratch, 'runner-'));
  const githubOutput = join(runnerTemp, 'output');
  const githubPath = join(runnerTemp, 'path');
  writeFileSync(githubOutput, '');
  writeFileSync(githubPath, '');
  let stdout = '';
  let status: number | null = 0;
  for (const step of action.runs.steps) {
    assert.equal(step.shell, 'bash');
    const added = readFileSync(githubPath, 'utf8').split('\n').filter(Boolean).reverse();
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([key, value]) => [key, value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => values[name] ?? '')]),
    );
    const env = {
      ...bareEnv(added),
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: checkout,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: githubOutput,
      GITHUB_PATH: githubPath,
      RUNNER_TEMP: runnerTemp,
      ...stepEnv,
    };
    const result = run('bash', ['-e', '-c', step.run], workspace, env);
    stdout += result.stdout;
    status = result.status;
    if (status !== 0) break;
  }
  const outputs = Object.fromEntries(
    readFileSync(githubOutput, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status, stdout, outputs };
}

test('README, GitHub Actions: the workflow step annotates each problem, sets its outputs and fails on errors', () => {
  const workflow = loadYaml(readmeExample('github-workflow')) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> };
  const step = Object.values(workflow.jobs)[0].steps.find((candidate) => candidate.uses?.startsWith(repositoryPath()));
  assert.ok(step, `the workflow uses this repository (${repositoryPath()})`);
  const action = loadYaml(readFileSync(join(checkout, 'action.yml'), 'utf8')) as ActionManifest;
  assert.equal(action.runs.using, 'composite');
  for (const name of Object.keys(step.with ?? {})) assert.ok(name in action.inputs, `input ${name}`);

  const workspace = workspaceWith({ 'data/a.labelbox.json': CLEAN, 'data/b.labelbox.json': BROKEN, 'data/other.json': '{}' });
  const result = runAction(step.with ?? {}, workspace);
  assert.equal(result.status, 1, result.stdout);
  assert.match(result.stdout, /^::error file=data\/b\.labelbox\.json,line=2,col=\d+,endLine=2,endColumn=\d+,title=labelbox-import s3-url::/m);
  assert.deepEqual(
    { files: result.outputs.files, errors: result.outputs.errors, 'sarif-file': result.outputs['sarif-file'] },
    { files: '2', errors: '1', 'sarif-file': '' },
  );
  for (const [name, output] of Object.entries(action.outputs)) {
    assert.equal(output.value, `\${{ steps.check.outputs.${name} }}`);
    assert.ok(name in result.outputs, `output ${name} is written`);
  }
});

test('GitHub Action: SARIF on request, and warnings fail the step only when asked', () => {
  const workspace = workspaceWith({ 'data/c.labelbox.json': WARNING_ONLY });
  const sarif = runAction({ format: 'sarif' }, workspace);
  assert.equal(sarif.status, 0, sarif.stdout);
  assert.equal(sarif.outputs['sarif-file'], 'labelbox-import.sarif');
  const log = JSON.parse(readFileSync(join(workspace, 'labelbox-import.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
  assert.deepEqual(
    log.runs[0].results.map((result) => result.ruleId),
    ['insecure-url'],
  );
  assert.equal(sarif.outputs.warnings, '1');
  assert.equal(runAction({ 'fail-on-warnings': 'true' }, workspace).status, 1);
  assert.equal(runAction({ format: 'xml' }, workspace).status, 2);
});

function repositoryPath(): string {
  return new URL(packageJson.repository.url).pathname.replace(/^\//, '').replace(/\.git$/, '');
}

test('README, pre-commit: the hook manifest is valid, selects the files the extension checks, and its entry runs the CLI on them', () => {
  const hooks = loadYaml(readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    name: string;
    entry: string;
    language: string;
    files: string;
  }[];
  const config = loadYaml(readmeExample('pre-commit')) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
  assert.equal(config.repos[0].repo, `https://github.com/${repositoryPath()}`);
  const hook = hooks.find((candidate) => candidate.id === config.repos[0].hooks[0].id);
  assert.ok(hook, 'the README names a hook of the manifest');
  // What pre-commit requires of a hook, and a language it installs from package.json.
  for (const key of ['id', 'name', 'entry', 'language'] as const) assert.equal(typeof hook[key], 'string', key);
  assert.equal(hook.language, 'node');
  const [command, ...entryArgs] = hook.entry.split(' ');
  assert.ok(command in packageJson.bin, "the entry is the package's command");

  // pre-commit matches `files` with Python's re.search; this expression means the same in JavaScript.
  const selects = new RegExp(hook.files);
  const globs = packageJson.contributes.configuration.properties['labelboxImport.files'].default as string[];
  const paths = [
    'a.labelbox.json',
    'data/b.labelbox.json',
    'labelbox/c.json',
    'data/labelbox/batch/d.json',
    'data/e.json',
    'labelbox.json',
    'package.json',
    'x.labelbox.json.bak',
    'mylabelbox/f.json',
  ];
  for (const path of paths) assert.equal(selects.test(path), matchesAnyGlob(path, globs), path);

  const folder = workspaceWith({ 'data/a.labelbox.json': CLEAN, 'labelbox/b.json': BROKEN, 'package.json': '{}' });
  const staged = ['data/a.labelbox.json', 'labelbox/b.json', 'package.json'].filter((path) => selects.test(path));
  const bin = join(prefix, 'bin', command);
  assert.equal(run(bin, [...entryArgs, ...staged], folder, bareEnv()).status, 1, 'the commit stops on errors');
  assert.equal(run(bin, [...entryArgs, 'data/a.labelbox.json'], folder, bareEnv()).status, 0);
});

test(
  'pre-commit itself installs the hook from this repository and runs it on the files of a commit',
  { skip: !onPath('pre-commit') && 'pre-commit is not installed (.ci/run installs it)' },
  () => {
    // A git repository with an import file that has an error and one that has none.
    const project = workspaceWith({ 'data/bad.labelbox.json': BROKEN, 'data/good.labelbox.json': CLEAN, 'notes.json': '{}' });
    rmSync(join(project, '.git'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', ...args], { cwd: project, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    // try-repo installs the hook as pre-commit installs any hook of a repository (npm install, npm pack,
    // npm install -g of the package), from this checkout with its uncommitted changes.
    const env = { ...process.env, PRE_COMMIT_HOME: join(scratch, 'pre-commit-home'), npm_config_update_notifier: 'false' };
    const tryRepo = (files: string[]) =>
      spawnSync('pre-commit', ['try-repo', repo, 'labelbox-import', '--files', ...files], { cwd: project, env, encoding: 'utf8', timeout: 600_000 });
    const failed = tryRepo(['data/bad.labelbox.json', 'data/good.labelbox.json', 'notes.json']);
    assert.equal(failed.status, 1, failed.stdout + failed.stderr);
    assert.match(failed.stdout, /Labelbox import files\.+Failed/);
    assert.match(failed.stdout, /^data\/bad\.labelbox\.json:2:\d+ error s3-url /m);
    assert.match(failed.stdout, /in 2 files/, 'notes.json is not an import file');
    const passed = tryRepo(['data/good.labelbox.json']);
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /Labelbox import files\.+Passed/);
  },
);

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}
