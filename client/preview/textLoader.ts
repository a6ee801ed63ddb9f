import { NotRegularFileError, readFileCapped } from '../../common/node/readCapped';
import type { TextState } from '../../common/preview/messages';
import { DEFAULT_FETCH_LIMITS, fetchText, type FetchedText } from './textFetcher';
import type { Resolution } from '../../common/node/urlResolver';

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

/**
 * A workspace file read up to the cap, in chunks: the size stat gives is no bound (a link to
 * /dev/zero says 0 and never ends), so only regular files are read and reading stops at the cap.
 */
export async function readLimited(file: string, maxBytes = DEFAULT_FETCH_LIMITS.maxBytes): Promise<FetchedText> {
  try {
    const read = await readFileCapped(file, maxBytes);
    return { text: new TextDecoder('utf-8').decode(read.bytes), truncated: read.truncated };
  } catch (error) {
    if (error instanceof NotRegularFileError) throw new Error('It is a device, a pipe or a socket, not a file.', { cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'There is no such file.' : code === 'EISDIR' ? 'It is a folder.' : `It cannot be read (${code ?? String(error)}).`, {
      cause: error,
    });
  }
}
