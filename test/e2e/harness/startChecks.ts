/**
 * Checks of `npm start` that the suite cannot make from inside VS Code, run by the launcher:
 * that it checks every prerequisite up front, in one message, and that the VS Code it serves
 * opens a scratch copy of examples/, so that saving there never changes the tracked files.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { serveExamples } from '../../../scripts/examplesServer';
import type { TestOutcome } from '../suite/index';

export const PREREQUISITES_TEST_TITLE = 'npm start checks every prerequisite up front, in one message that says how to install them';
export const SCRATCH_TEST_TITLE = 'npm start opens a scratch copy of the examples: saving there leaves the tracked files alone';

const TIMEOUT_MS = 60_000;

async function outcome(title: string, check: () => Promise<void>): Promise<TestOutcome> {
  const started = Date.now();
  try {
    await check();
    return { title, state: 'passed', durationMs: Date.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { title, state: 'failed', durationMs: Date.now() - started, error: message };
  }
}

/**
 * `npm start`'s script on a machine without ripgrep, make, g++ and python3 (a PATH holding only
 * node) and without code-server installed: it must stop at once, before packaging anything,
 * with one message naming all of them and the command that installs them.
 */
export function checkStartPrerequisites(root: string, runDir: string): Promise<TestOutcome> {
  return outcome(PREREQUISITES_TEST_TITLE, async () => {
    const bin = path.join(runDir, 'bare-bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const empty = mkdtempSync(path.join(tmpdir(), 'labelbox-no-code-server-'));
    try {
      const env = { ...process.env, PATH: bin, LABELBOX_CODE_SERVER_DIR: empty, PORT: '1' };
      const { code, output } = await runFor(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'start.ts')], root, env, TIMEOUT_MS);
      if (code === 0) throw new Error(`npm start went on without ripgrep, make, g++ and python3:\n${output}`);
      for (const expected of [
        'ripgrep (rg)',
        'make and g++',
        'python3',
        'sudo apt-get install -y ripgrep build-essential python3',
        'brew install ripgrep python3',
      ]) {
        if (!output.includes(expected)) throw new Error(`the message does not mention ${JSON.stringify(expected)}:\n${output}`);
      }
      if (output.split('cannot run on this machine').length !== 2) throw new Error(`one message, not several:\n${output}`);
      if (/Packaging|Installing code-server/.test(output)) throw new Error(`it started working before checking:\n${output}`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
}

/** Runs a command, killing it after `timeoutMs`; resolves with its exit code and output. */
function runFor(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      resolve({ code: null, output: `${output}\n(stopped after ${timeoutMs / 1000} s: it did not stop by itself)` });
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * What `npm start` serves (scripts/examplesServer.ts), in a profile of its own: the folder is a
 * copy, and a file edited and saved in the browser changes in the copy only.
 */
export function checkScratchCopy(root: string, runDir: string, browser: Browser, screenshotPath: string): Promise<TestOutcome> {
  return outcome(SCRATCH_TEST_TITLE, async () => {
    const file = 'legacy-format.labelbox.json';
    const tracked = path.join(root, 'examples', file);
    const before = readFileSync(tracked, 'utf8');
    const home = path.join(runDir, 'start');
    const { server, folder } = await serveExamples({ root, home, keep: false });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      if (path.resolve(folder) === path.resolve(root, 'examples')) throw new Error('it serves the tracked examples/ folder itself');
      if (!new URL(server.url).searchParams.get('folder')?.startsWith(home)) throw new Error(`it opens ${server.url}, not the scratch copy in ${home}`);
      await page.goto(server.url);
      await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT_MS });
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(file);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor({ timeout: TIMEOUT_MS });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-lines', { hasText: 'externalId' }).first().waitFor({ timeout: TIMEOUT_MS });
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.type('  ');
      await page.keyboard.press('Control+S');
      const copy = path.join(folder, file);
      const deadline = Date.now() + TIMEOUT_MS;
      while (readFileSync(copy, 'utf8') === before) {
        if (Date.now() > deadline) throw new Error(`the edit was not saved to the scratch copy ${copy}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await page.screenshot({ path: screenshotPath });
      if (readFileSync(tracked, 'utf8') !== before) throw new Error(`saving in the browser changed the tracked ${path.relative(root, tracked)}`);
    } finally {
      await page.close();
      await server.stop();
      // Should the check fail that way, the tracked file is put back.
      if (readFileSync(tracked, 'utf8') !== before) writeFileSync(tracked, before);
    }
  });
}
