/**
 * PDF documents of the row shown, fetched by the extension and checked before the page shows
 * them: the page never points a frame or an object at a remote address, where a server could
 * answer with an HTML page whose scripts would run. The page gets the bytes and shows them from
 * a blob of type application/pdf, which only the PDF viewer opens.
 */
import { NotRegularFileError, readFileCapped } from '../../../server/src/node/readCapped';
import type { DocumentState } from './shared/messages';
import { fetchBytes, type FetchOptions } from './textFetcher';
import type { Resolution } from './urlResolver';

/** Far above a document a labeler reads in a side panel; a bigger one is opened externally. */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;
const DOCUMENT_TIMEOUT_MS = 30_000;
/** A PDF's header, "%PDF-", may follow up to 1,024 bytes of anything (ISO 32000-1, annex H.3). */
const HEADER_WINDOW = 1024;

/** Whether the bytes are a PDF document by their header, whatever the server said they were. */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, HEADER_WINDOW + 5)).includes('%PDF-');
}

export async function loadDocument(resolution: Resolution, signal: AbortSignal, options: Pick<FetchOptions, 'agent' | 'isBlockedAddress'> = {}): Promise<DocumentState> {
  if (resolution.kind === 'blocked') return { status: 'failed', reason: resolution.reason };
  let bytes: Uint8Array;
  let truncated: boolean;
  let contentType: string | undefined;
  try {
    if (resolution.kind === 'remote') {
      if (resolution.url.startsWith('data:')) return { status: 'failed', reason: 'A data: URL is not a document the preview opens.' };
      ({ bytes, truncated, contentType } = await fetchBytes(resolution.url, {
        ...options,
        signal,
        accept: 'application/pdf',
        limits: { maxBytes: MAX_DOCUMENT_BYTES, timeoutMs: DOCUMENT_TIMEOUT_MS },
      }));
    } else {
      ({ bytes, truncated } = await readFileCapped(resolution.path, MAX_DOCUMENT_BYTES));
    }
  } catch (error) {
    if (error instanceof NotRegularFileError) return { status: 'failed', reason: 'It is a device, a pipe or a socket, not a file.' };
    const code = (error as NodeJS.ErrnoException).code;
    return { status: 'failed', reason: code === 'ENOENT' ? 'There is no such file.' : error instanceof Error ? error.message : String(error) };
  }
  if (truncated) return { status: 'failed', reason: `The document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB: open it externally.` };
  if (!isPdf(bytes)) {
    const said = contentType ? ` (the server called it ${contentType.split(';')[0].trim().slice(0, 100)})` : '';
    return { status: 'failed', reason: `This address did not return a PDF document${said}, so it is not shown.` };
  }
  return { status: 'loaded', bytes };
}
