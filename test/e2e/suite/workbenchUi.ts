import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UI_DIR_VARIABLE, type UiResponse, type UiStep } from '../workbenchProtocol';
import { waitFor } from './helpers';

const uiDir = process.env[UI_DIR_VARIABLE];

/** Whether a launcher that drives the workbench in a browser is listening (code-server runs). */
export const workbenchUiAvailable = Boolean(uiDir);

/**
 * Numbers requests across the whole run: each test file is a bundle of its own with a copy of
 * this module, so the counter lives on the global object.
 */
const counter = globalThis as { __labelboxE2eUiRequests?: number };

/** Asks the launcher to carry out steps in the browser, and returns one result per step. */
export async function inWorkbench(steps: UiStep[], timeoutMs = 60_000): Promise<(string | number | null)[]> {
  if (!uiDir) throw new Error('No launcher drives the workbench UI in this run.');
  counter.__labelboxE2eUiRequests = (counter.__labelboxE2eUiRequests ?? 0) + 1;
  const id = String(counter.__labelboxE2eUiRequests).padStart(3, '0');
  const request = path.join(uiDir, `${id}.request.json`);
  if (existsSync(request)) throw new Error(`Workbench request ${id} was made twice.`);
  writeFileSync(`${request}.tmp`, JSON.stringify({ steps }));
  renameSync(`${request}.tmp`, request);
  const responsePath = path.join(uiDir, `${id}.response.json`);
  const response = await waitFor(
    `the launcher to carry out ${steps.map((step) => step.action).join(', ')}`,
    () => (existsSync(responsePath) ? (JSON.parse(readFileSync(responsePath, 'utf8')) as UiResponse) : undefined),
    timeoutMs,
  );
  if ('error' in response) throw new Error(`In the workbench UI: ${response.error}`);
  return response.results;
}

/**
 * Saves a screenshot under test-results/ once `selector` shows (and contains `hasText`).
 * Does nothing where no launcher drives a browser (@vscode/test-electron).
 */
export async function screenshotWhenVisible(name: string, selector: string, hasText?: string): Promise<void> {
  if (!workbenchUiAvailable) return;
  await inWorkbench([
    { action: 'waitVisible', selector, hasText },
    { action: 'screenshot', name },
  ]);
}
