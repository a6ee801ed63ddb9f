import * as vscode from 'vscode';
import type { TextState } from './shared/messages';
import { DEFAULT_FETCH_LIMITS, decodeLimited, fetchText } from './textFetcher';
import type { Resolution } from './urlResolver';

const CACHE_SIZE = 40;
const CACHE_MILLISECONDS = 60_000;

/**
 * Loads the texts of the row being shown: https URLs through the capped fetcher, files of
 * the workspace (a local mirror) read up to the same cap. Recent results are kept for a
 * minute so that moving between rows does not fetch again.
 */
export class TextLoader {
  private readonly cache = new Map<string, { state: TextState; time: number }>();

  cached(resolution: Resolution): TextState | undefined {
    if (resolution.kind === 'blocked') return { status: 'failed', reason: resolution.reason };
    const key = keyOf(resolution);
    const entry = this.cache.get(key);
    if (!entry || Date.now() - entry.time > CACHE_MILLISECONDS) return undefined;
    return entry.state;
  }

  async load(resolution: Resolution, signal: AbortSignal): Promise<TextState> {
    if (resolution.kind === 'blocked') return { status: 'failed', reason: resolution.reason };
    let state: TextState;
    try {
      const fetched = resolution.kind === 'remote' ? await fetchText(resolution.url, { signal }) : await readLimited(resolution.path);
      state = { status: 'loaded', ...fetched };
    } catch (error) {
      state = { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
    if (signal.aborted) return state;
    const key = keyOf(resolution);
    this.cache.delete(key);
    this.cache.set(key, { state, time: Date.now() });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return state;
  }
}

function keyOf(resolution: Exclude<Resolution, { kind: 'blocked' }>): string {
  return resolution.kind === 'remote' ? resolution.url : `file:${resolution.path}`;
}

async function readLimited(file: string) {
  const uri = vscode.Uri.file(file);
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > DEFAULT_FETCH_LIMITS.maxBytes) {
    // Read only what is shown (and one byte more, to know it was cut), not the whole file.
    const { open } = await import('node:fs/promises');
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(DEFAULT_FETCH_LIMITS.maxBytes + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, 0);
      return decodeLimited(buffer.subarray(0, bytesRead), DEFAULT_FETCH_LIMITS.maxBytes);
    } finally {
      await handle.close();
    }
  }
  return decodeLimited(await vscode.workspace.fs.readFile(uri), DEFAULT_FETCH_LIMITS.maxBytes);
}
