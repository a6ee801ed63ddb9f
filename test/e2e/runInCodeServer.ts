/**
 * Runs the end-to-end suite in a real VS Code without internet: code-server (installed once
 * into .vscode-test/) with the packaged VSIX installed, opened on a copy of the fixture
 * workspace in headless Chromium. The suite runs inside the extension host (through the
 * test-runner extension); this script waits for its report, carries out the suite's requests
 * for the workbench UI (screenshots, the preview's webview, clicks), and prints the results.
 *
 * Artifacts go to test-results/: screenshots, the logs of code-server, VS Code and the browser
 * console, and the report as JSON. Set LABELBOX_E2E_GREP to run only the tests whose title matches.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildE2e } from './harness/buildE2e';
import { launchChromium } from './harness/chromium';
import { createProfile, installExtensions, startCodeServer, type RunningCodeServer } from './harness/codeServer';
import { installCodeServer } from './harness/installCodeServer';
import { checkPreviewAfterReload } from './harness/previewAfterReload';
import { checkScratchCopy, checkStartPrerequisites, PREREQUISITES_TEST_TITLE, SCRATCH_TEST_TITLE } from './harness/startChecks';
import { webviewContent } from './harness/webviewContent';
import { packagedVsix } from './harness/vsix';
import { startAssetServers, type AssetServers } from '../support/assetServers';
import type { SuiteReport, TestOutcome } from './suite/index';
import {
  ASSET_SERVERS_VARIABLE,
  RESULTS_VARIABLE,
  SUITE_VARIABLE,
  UI_DIR_VARIABLE,
  type Target,
  type UiRequest,
  type UiResponse,
  type UiStep,
} from './workbenchProtocol';

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS_DIR = path.join(ROOT, 'test-results');
const RUN_DIR = path.join(ROOT, '.vscode-test', 'e2e-run');
/** From opening the page to the test runner's start in the extension host. */
const START_DEADLINE_MS = 3 * 60_000;
/** The whole suite, from opening the page to the report. */
const SUITE_DEADLINE_MS = 10 * 60_000;
const STEP_TIMEOUT_MS = 20_000;
/** The suite's test that leaves the preview open on a row; the reload check follows it. */
const PREVIEW_OPEN_TEST = 'Preview in VS Code the preview follows the cursor';

async function main(): Promise<number> {
  const vsix = packagedVsix(ROOT);
  const entry = await installCodeServer(ROOT);
  const { suiteEntry, runnerVsix } = await buildE2e(ROOT);

  rmSync(RUN_DIR, { recursive: true, force: true });
  // Only this suite's artifacts: the webview suite's screenshots (test-results/webview) stay.
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const entry of readdirSync(RESULTS_DIR)) {
    if (entry !== 'webview') rmSync(path.join(RESULTS_DIR, entry), { recursive: true, force: true });
  }
  const workspace = path.join(RUN_DIR, 'workspace');
  cpSync(path.join(ROOT, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });
  const uiDir = path.join(RUN_DIR, 'ui');
  mkdirSync(uiDir, { recursive: true });
  const resultsPath = path.join(RUN_DIR, 'results.json');

  // With http.systemCertificates on, VS Code gives its requests the system's certificates in
  // place of Node's list, which leaves out NODE_EXTRA_CA_CERTS (the asset servers' certificate).
  const profile = createProfile(RUN_DIR, { 'http.systemCertificates': false });
  console.log(`Installing ${path.basename(vsix)} and the test runner into code-server…`);
  await installExtensions(ROOT, entry, profile, [vsix, runnerVsix]);

  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  // The asset access test's buckets: local HTTPS servers whose certificate the extension host
  // trusts through NODE_EXTRA_CA_CERTS, as any Node program would.
  let assetServers: AssetServers | undefined;
  try {
    assetServers = await startAssetServers();
    const caFile = path.join(RUN_DIR, 'asset-servers-ca.pem');
    writeFileSync(caFile, assetServers.ca);
    server = await startCodeServer({
      root: ROOT,
      entry,
      profile,
      folder: workspace,
      logFile: path.join(RESULTS_DIR, 'code-server.log'),
      env: {
        [SUITE_VARIABLE]: suiteEntry,
        [RESULTS_VARIABLE]: resultsPath,
        [UI_DIR_VARIABLE]: uiDir,
        [ASSET_SERVERS_VARIABLE]: JSON.stringify(assetServers.servers.map((assetServer) => assetServer.base)),
        NODE_EXTRA_CA_CERTS: caFile,
      },
    });
    console.log(`code-server listens at ${server.url}`);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
    await page.goto(server.url);

    const report = await waitForReport(page, server, resultsPath, uiDir);
    if (!('error' in report) && report.tests.some((test) => test.title.startsWith(PREVIEW_OPEN_TEST) && test.state === 'passed')) {
      const outcome = await checkPreviewAfterReload(page, path.join(RESULTS_DIR, 'preview-after-reload.png'));
      report.tests.push(outcome);
      if (outcome.state === 'passed') report.passed++;
      else report.failed++;
      console.log(`  ${outcome.state === 'passed' ? '✓' : '✗'} ${outcome.title} (${outcome.durationMs} ms)`);
    }
    // npm start's own checks: what it needs, and the scratch copy it opens.
    if (!('error' in report)) {
      const grep = process.env.LABELBOX_E2E_GREP;
      const wanted = (title: string) => !grep || new RegExp(grep).test(title);
      const checks = [
        wanted(PREREQUISITES_TEST_TITLE) ? () => checkStartPrerequisites(ROOT, RUN_DIR) : undefined,
        wanted(SCRATCH_TEST_TITLE) ? () => checkScratchCopy(ROOT, RUN_DIR, browser!, path.join(RESULTS_DIR, 'npm-start-scratch-copy.png')) : undefined,
      ];
      for (const check of checks) {
        if (!check) continue;
        const outcome = await check();
        report.tests.push(outcome);
        if (outcome.state === 'passed') report.passed++;
        else report.failed++;
        console.log(`  ${outcome.state === 'passed' ? '✓' : '✗'} ${outcome.title} (${outcome.durationMs} ms)`);
      }
    }
    writeFileSync(path.join(RESULTS_DIR, 'browser-console.log'), consoleLines.join('\n'));
    if ('error' in report || report.failed > 0) await page.screenshot({ path: path.join(RESULTS_DIR, 'at-failure.png') });
    writeFileSync(path.join(RESULTS_DIR, 'e2e-report.json'), JSON.stringify(report, null, 2));
    return printReport(report);
  } finally {
    await browser?.close();
    await server?.stop();
    await assetServers?.close();
    // VS Code's own logs: the extension host, and our output channel ("Labelbox Import.log").
    const logs = path.join(profile.userDataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, path.join(RESULTS_DIR, 'vscode-logs'), { recursive: true });
  }
}

/** Waits for the suite's report, meanwhile printing progress and carrying out UI requests. */
async function waitForReport(page: Page, server: RunningCodeServer, resultsPath: string, uiDir: string): Promise<SuiteReport | { error: string }> {
  const startDeadline = Date.now() + START_DEADLINE_MS;
  const deadline = Date.now() + SUITE_DEADLINE_MS;
  const handled = new Set<string>();
  let printed = 0;
  for (;;) {
    printed = printProgress(`${resultsPath}.progress`, printed);
    if (existsSync(resultsPath)) {
      printProgress(`${resultsPath}.progress`, printed);
      return JSON.parse(readFileSync(resultsPath, 'utf8')) as SuiteReport | { error: string };
    }
    if (server.process.exitCode !== null)
      throw new Error(`code-server exited with code ${server.process.exitCode} during the tests; see test-results/code-server.log`);
    if (Date.now() > startDeadline && !existsSync(`${resultsPath}.started`)) {
      await page.screenshot({ path: path.join(RESULTS_DIR, 'at-timeout.png') });
      throw new Error(
        `The test runner did not start in the extension host within ${START_DEADLINE_MS / 60_000} minutes; see test-results/at-timeout.png and vscode-logs/`,
      );
    }
    if (Date.now() > deadline) {
      await page.screenshot({ path: path.join(RESULTS_DIR, 'at-timeout.png') });
      throw new Error(`No test report after ${SUITE_DEADLINE_MS / 60_000} minutes; see test-results/at-timeout.png and code-server.log`);
    }
    for (const name of readdirSync(uiDir)
      .filter((file) => file.endsWith('.request.json'))
      .sort()) {
      if (handled.has(name)) continue;
      handled.add(name);
      const request = JSON.parse(readFileSync(path.join(uiDir, name), 'utf8')) as UiRequest;
      const response = await carryOut(page, request);
      const responsePath = path.join(uiDir, name.replace('.request.json', '.response.json'));
      writeFileSync(`${responsePath}.tmp`, JSON.stringify(response));
      renameSync(`${responsePath}.tmp`, responsePath);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function printProgress(progressPath: string, printed: number): number {
  if (!existsSync(progressPath)) return printed;
  const lines = readFileSync(progressPath, 'utf8').split('\n').filter(Boolean);
  for (const line of lines.slice(printed)) {
    const outcome = JSON.parse(line) as TestOutcome;
    const mark = outcome.state === 'passed' ? '✓' : outcome.state === 'failed' ? '✗' : '-';
    const note = outcome.state === 'skipped' ? ` (skipped: ${outcome.skipReason})` : ` (${outcome.durationMs} ms)`;
    console.log(`  ${mark} ${outcome.title}${note}`);
  }
  return lines.length;
}

function locateAll(page: Page, target: Target): Locator {
  const webview = webviewContent(page);
  const scope = target.inWebview ? (target.frame ? webview.locator(target.frame).first().contentFrame() : webview) : page;
  const locator = scope.locator(target.selector);
  return target.hasText === undefined ? locator : locator.filter({ hasText: target.hasText });
}

function locate(page: Page, target: Target): Locator {
  return locateAll(page, target).nth(target.nth ?? 0);
}

async function carryOut(page: Page, request: UiRequest): Promise<UiResponse> {
  const results: (string | number | null)[] = [];
  let step: UiStep | undefined;
  try {
    for (step of request.steps) {
      switch (step.action) {
        case 'waitVisible':
          await locate(page, step).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
          results.push(null);
          break;
        case 'click':
          await locate(page, step).click({ timeout: STEP_TIMEOUT_MS });
          results.push(null);
          break;
        case 'readText':
          results.push(await locate(page, step).innerText({ timeout: STEP_TIMEOUT_MS }));
          break;
        case 'count':
          results.push(await locateAll(page, step).count());
          break;
        case 'readAttribute':
          results.push(await locate(page, step).getAttribute(step.name, { timeout: STEP_TIMEOUT_MS }));
          break;
        case 'waitAttribute':
          results.push(await waitAttribute(locate(page, step), step.name, step.contains));
          break;
        case 'waitImageLoaded':
          results.push(await waitImageLoaded(locate(page, step)));
          break;
        case 'hover':
          await locate(page, step).hover({ timeout: STEP_TIMEOUT_MS });
          results.push(null);
          break;
        case 'press':
          await page.keyboard.press(step.key);
          results.push(null);
          break;
        case 'type':
          await page.keyboard.type(step.text);
          results.push(null);
          break;
        case 'screenshot': {
          const file = path.join(RESULTS_DIR, `${step.name}.png`);
          await page.screenshot({ path: file });
          results.push(path.relative(ROOT, file));
          break;
        }
      }
    }
    return { results };
  } catch (error) {
    const name = `ui-failure-${Date.now()}.png`;
    await page.screenshot({ path: path.join(RESULTS_DIR, name) }).catch(() => undefined);
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { error: `${JSON.stringify(step)} failed: ${message} (screenshot: test-results/${name})` };
  }
}

async function waitAttribute(locator: Locator, name: string, contains: string): Promise<string> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let value: string | null = null;
  while (Date.now() < deadline) {
    value = await locator.getAttribute(name, { timeout: STEP_TIMEOUT_MS }).catch(() => null);
    if (value?.includes(contains)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the attribute ${name} never contained ${JSON.stringify(contains)}; last: ${JSON.stringify(value)}`);
}

/** An image that has loaded its pixels (a broken image is complete too, but with no natural size). */
async function waitImageLoaded(locator: Locator): Promise<string> {
  await locator.waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let state = { complete: false, width: 0, height: 0, src: '' };
  while (Date.now() < deadline) {
    state = await locator.evaluate((image) => {
      // Evaluated in the browser: the element is an <img>.
      const img = image as unknown as { complete: boolean; naturalWidth: number; naturalHeight: number; currentSrc: string; src: string };
      return { complete: img.complete, width: img.naturalWidth, height: img.naturalHeight, src: img.currentSrc || img.src };
    });
    if (state.complete && state.width > 0) return `${state.width}×${state.height}`;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the image ${state.src.slice(0, 200)} did not load (complete: ${state.complete}, natural width ${state.width})`);
}

function printReport(report: SuiteReport | { error: string }): number {
  if ('error' in report) {
    console.error(`The end-to-end suite could not run:\n${report.error}`);
    return 1;
  }
  for (const test of report.tests.filter((outcome) => outcome.state === 'failed')) {
    console.log(`\nFAILED: ${test.title}\n${test.error}`);
  }
  const skipped = report.tests.filter((outcome) => outcome.state === 'skipped');
  if (skipped.length) console.log(`\n${skipped.length} skipped until their feature exists (see the reasons above).`);
  console.log(`\nScreenshots and logs: ${path.relative(process.cwd(), RESULTS_DIR) || '.'}/`);
  console.log(`e2e: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (${(report.durationMs / 1000).toFixed(1)} s)`);
  return report.failed > 0 || report.passed === 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
