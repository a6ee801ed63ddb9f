/**
 * The end-to-end suite's entry: `run()` is what @vscode/test-electron loads, and `runSuite()`
 * is what the test-runner extension calls inside code-server to get a report it can write.
 * Every `*.test.js` beside this file (bundled from test/e2e/suite/*.test.ts) is loaded.
 */
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { skipReasons } from './skip';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  error?: string;
  skipReason?: string;
}

export interface SuiteReport {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  tests: TestOutcome[];
}

export function runSuite(onProgress: (outcome: TestOutcome) => void = () => undefined): Promise<SuiteReport> {
  const grep = process.env.LABELBOX_E2E_GREP;
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  const testFiles = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of testFiles) mocha.addFile(path.join(__dirname, name));

  const started = Date.now();
  const tests: TestOutcome[] = [];
  const record = (outcome: TestOutcome) => {
    tests.push(outcome);
    onProgress(outcome);
  };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        resolve({
          passed: tests.filter((test) => test.state === 'passed').length,
          failed: tests.filter((test) => test.state === 'failed').length,
          skipped: tests.filter((test) => test.state === 'skipped').length,
          durationMs: Date.now() - started,
          tests,
        });
      });
      runner.on('pass', (test) => record({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
      runner.on('fail', (test, error: Error) =>
        record({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? String(error) }),
      );
      runner.on('pending', (test) =>
        record({ title: test.fullTitle(), state: 'skipped', durationMs: 0, skipReason: skipReasons.get(test.fullTitle()) ?? 'skipped' }),
      );
    } catch (error) {
      reject(error);
    }
  });
}

/** The entry point of @vscode/test-electron: fails when any test fails. */
export async function run(): Promise<void> {
  const report = await runSuite();
  for (const test of report.tests) {
    if (test.state === 'skipped') console.log(`skipped: ${test.title} (${test.skipReason})`);
  }
  if (report.failed > 0) throw new Error(`${report.failed} end-to-end test(s) failed.`);
}
