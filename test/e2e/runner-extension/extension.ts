/**
 * A test-runner extension installed next to the extension under test in code-server, which
 * cannot load tests itself. The extension host inherits code-server's environment: when it
 * names a suite and a results file, the suite runs here, in the real extension host, and its
 * report is written for the launcher (test/e2e/runInCodeServer.ts) to read.
 */
import { appendFileSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { RESULTS_VARIABLE, SUITE_VARIABLE } from '../workbenchProtocol';
import type { SuiteReport, TestOutcome } from '../suite/index';

export async function activate(): Promise<void> {
  const suitePath = process.env[SUITE_VARIABLE];
  const resultsPath = process.env[RESULTS_VARIABLE];
  // Run once: a reloaded window starts a new extension host with the same environment.
  if (!suitePath || !resultsPath || existsSync(resultsPath)) return;

  // Tells the launcher that the extension host is up and the suite is starting.
  writeFileSync(`${resultsPath}.started`, new Date().toISOString());
  let report: SuiteReport | { error: string };
  try {
    // The suite is a separate bundle, loaded from the path the launcher gives at run time.
    const suite = require(suitePath) as { runSuite(onProgress: (outcome: TestOutcome) => void): Promise<SuiteReport> };
    report = await suite.runSuite((outcome) => appendFileSync(`${resultsPath}.progress`, `${JSON.stringify(outcome)}\n`));
  } catch (error) {
    report = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  writeFileSync(`${resultsPath}.tmp`, JSON.stringify(report, null, 2));
  renameSync(`${resultsPath}.tmp`, resultsPath);
}

export function deactivate(): void {}
