/**
 * The messages between the extension and the preview webview, and their checks. Both sides
 * validate what they receive: the webview page must never act on a malformed message, and
 * the extension never on anything a page (or a frame inside it) could forge.
 */
import type { GalleryFilter, GalleryTile } from '../gallery';
import { MAX_DETAIL_LENGTH } from '../assetAccess';
import { MEDIA_TYPES } from '../mediaTypes';
import { setOwnValue } from '../ownKeys';
import { isRowModel, type RowModel } from './rowModel';
import { isInt, isRecord, isShortString, optionalString } from './validate';

export const MAX_GALLERY_PAGE = 500;
export const MAX_URL = 65_536;
/** A media type longer than this is no media type; the extension sends its start. */
export const MAX_MEDIA_TYPE = 100;

/**
 * A text of the file cut to what a message allows, marked as cut: the page refuses a whole
 * message with a field over its limit, so the extension fits fields to the limits first.
 */
export function clipText(text: string | undefined, max: number): string | undefined {
  return text !== undefined && text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
const MAX_ROWS = 100_000_000;

/** What the webview may do with one URL of the row, decided by the extension. */
export interface Resource {
  /** The address the webview loads; absent when it must load nothing. */
  src?: string;
  /** Why nothing is loaded (a gs:// URL, a file outside the workspace, a javascript: URL…). */
  blocked?: string;
  /** What to say if loading fails (for example: the bucket may be private). */
  failHint?: string;
  /** Shown with the asset when it comes from elsewhere than its URL (a local mirror, a rewrite). */
  via?: string;
  /** Whether "Open externally" can open it. */
  external: boolean;
  /** The address names a workspace file that does not exist: why, in words. Nothing is loaded. */
  notFound?: string;
  /** The extension saw the workspace file: if it does not show, its format is the reason. */
  fileExists?: boolean;
  /** The https address a page's relative links resolve against (HTML assets and attachments). */
  base?: string;
}

export type TextState = { status: 'loading' } | { status: 'loaded'; text: string; truncated: boolean } | { status: 'failed'; reason: string };

export interface RowProblemInfo {
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
  line: number;
}

/** The data row the panel shows. */
export interface PreviewRow {
  index: number;
  rowCount: number;
  /** Zero-based line of the row's start. */
  line: number;
  /** What the row shows, computed by the extension (describeRow, with the metadata names it knows). */
  model: RowModel;
  dialect?: 'current' | 'legacy';
  mediaType?: string;
  mediaTypeInferred: boolean;
  problems: RowProblemInfo[];
}

/** A gallery tile as the page gets it: the server's tile, with its image resolved by the extension. */
export type PreviewTile = Omit<GalleryTile, 'assetUrl' | 'legacy'> & {
  /** The image to show for an image row. */
  thumb?: Resource;
};

export type HostMessage =
  /** `locked`: the panel stays on this file instead of following the active editor. */
  | { type: 'init'; uri: string; fileName: string; allowScripts: boolean; locked: boolean }
  | {
      type: 'row';
      /** Grows with every row message; text results of older rows are ignored. */
      seq: number;
      row: PreviewRow | null;
      /** Why there is no row (the cursor is outside the rows, the file is not an import file…). */
      empty?: string;
      resources: Record<string, Resource>;
      texts: Record<string, TextState>;
    }
  | { type: 'text'; seq: number; url: string; state: TextState }
  | { type: 'galleryPage'; requestId: number; from: number; total: number; rowCount: number; tiles: PreviewTile[] }
  /** The file changed: the gallery's pages are stale. */
  | { type: 'galleryChanged' };

export type WebviewMessage =
  /** The page (re)started; restoredIndex is the row it showed before a reload. */
  | { type: 'ready'; restoredIndex?: number }
  /** Move the editor's cursor to a row and reveal it. */
  | { type: 'reveal'; index: number }
  | { type: 'openExternal'; url: string }
  | { type: 'galleryRequest'; requestId: number; from: number; count: number; filter: GalleryFilter }
  | { type: 'view'; view: 'row' | 'gallery' };

/** The state the page saves with setState, which also brings the panel back after a reload. */
export interface PanelState {
  uri: string;
  /** Locked to its file; undefined in states saved before previews followed the editor. */
  locked?: boolean;
  view: 'row' | 'gallery';
  rowIndex?: number;
  filter: GalleryFilter;
  galleryScrollTop: number;
  /** Overlay layers the user changed, by URL. */
  layers: Record<string, { visible: boolean; opacity: number }>;
}

export const EMPTY_FILTER: GalleryFilter = { text: '', mediaType: '', problemsOnly: false };

export function parseFilter(value: unknown): GalleryFilter | undefined {
  if (!isRecord(value)) return undefined;
  const { text, mediaType, problemsOnly } = value;
  if (!isShortString(text, 200) || typeof problemsOnly !== 'boolean') return undefined;
  if (mediaType !== '' && !(MEDIA_TYPES as readonly unknown[]).includes(mediaType)) return undefined;
  return { text, mediaType: mediaType as string, problemsOnly };
}

/** A message from the webview, or undefined when it is not one the extension accepts. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      if (value.restoredIndex !== undefined && !isInt(value.restoredIndex, 0, MAX_ROWS)) return undefined;
      return value.restoredIndex === undefined ? { type: 'ready' } : { type: 'ready', restoredIndex: value.restoredIndex };
    case 'reveal':
      return isInt(value.index, 0, MAX_ROWS) ? { type: 'reveal', index: value.index } : undefined;
    case 'openExternal':
      return isShortString(value.url, MAX_URL) && value.url.length > 0 ? { type: 'openExternal', url: value.url } : undefined;
    case 'galleryRequest': {
      const filter = parseFilter(value.filter);
      if (!filter || !isInt(value.requestId, 0, 2 ** 31) || !isInt(value.from, 0, MAX_ROWS) || !isInt(value.count, 1, MAX_GALLERY_PAGE)) return undefined;
      return { type: 'galleryRequest', requestId: value.requestId, from: value.from, count: value.count, filter };
    }
    case 'view':
      return value.view === 'row' || value.view === 'gallery' ? { type: 'view', view: value.view } : undefined;
    default:
      return undefined;
  }
}

function isResource(value: unknown): value is Resource {
  return (
    isRecord(value) &&
    typeof value.external === 'boolean' &&
    optionalString(value.src, MAX_URL * 2) &&
    optionalString(value.blocked, 2000) &&
    optionalString(value.failHint, 2000) &&
    optionalString(value.via, 4000) &&
    optionalString(value.notFound, 4000) &&
    (value.fileExists === undefined || typeof value.fileExists === 'boolean') &&
    optionalString(value.base, MAX_URL)
  );
}

function isTextState(value: unknown): value is TextState {
  if (!isRecord(value)) return false;
  if (value.status === 'loading') return true;
  if (value.status === 'loaded') return typeof value.text === 'string' && typeof value.truncated === 'boolean';
  return value.status === 'failed' && typeof value.reason === 'string';
}

function isMapOf<T>(value: unknown, check: (item: unknown) => item is T): value is Record<string, T> {
  return isRecord(value) && Object.values(value).every(check);
}

const SEVERITIES = ['error', 'warning', 'information', 'hint'];

function isProblem(value: unknown): value is RowProblemInfo {
  return (
    isRecord(value) &&
    SEVERITIES.includes(value.severity as string) &&
    typeof value.code === 'string' &&
    typeof value.message === 'string' &&
    isInt(value.line, 0, Number.MAX_SAFE_INTEGER)
  );
}

function isRow(value: unknown): value is PreviewRow {
  return (
    isRecord(value) &&
    isInt(value.index, 0, MAX_ROWS) &&
    isInt(value.rowCount, 0, MAX_ROWS) &&
    isInt(value.line, 0, Number.MAX_SAFE_INTEGER) &&
    // No value: an element that could not be read at all (JSON leaves undefined out); the page says so.
    (value.dialect === undefined || value.dialect === 'current' || value.dialect === 'legacy') &&
    optionalString(value.mediaType, MAX_MEDIA_TYPE) &&
    typeof value.mediaTypeInferred === 'boolean' &&
    Array.isArray(value.problems) &&
    value.problems.every(isProblem) &&
    isRowModel(value.model)
  );
}

/** The asset access check's failure of a tile's asset: a rule code and a server's text, both short. */
function isAssetProblem(value: unknown): boolean {
  return (
    isRecord(value) && typeof value.code === 'string' && value.code.length <= 64 && typeof value.detail === 'string' && value.detail.length <= MAX_DETAIL_LENGTH
  );
}

function isTile(value: unknown): value is PreviewTile {
  return (
    isRecord(value) &&
    isInt(value.index, 0, MAX_ROWS) &&
    isInt(value.line, 0, Number.MAX_SAFE_INTEGER) &&
    optionalString(value.globalKey, MAX_URL) &&
    optionalString(value.externalId, MAX_URL) &&
    optionalString(value.mediaType, MAX_MEDIA_TYPE) &&
    (value.mediaTypeInferred === undefined || typeof value.mediaTypeInferred === 'boolean') &&
    isInt(value.errors, 0, Number.MAX_SAFE_INTEGER) &&
    isInt(value.warnings, 0, Number.MAX_SAFE_INTEGER) &&
    (value.thumb === undefined || isResource(value.thumb)) &&
    (value.assetProblem === undefined || isAssetProblem(value.assetProblem))
  );
}

/** A message from the extension, or undefined when it is malformed. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  const message = value;
  switch (message.type) {
    case 'init':
      return typeof message.uri === 'string' &&
        typeof message.fileName === 'string' &&
        typeof message.allowScripts === 'boolean' &&
        typeof message.locked === 'boolean'
        ? (message as HostMessage)
        : undefined;
    case 'row':
      return isInt(message.seq, 0, Number.MAX_SAFE_INTEGER) &&
        (message.row === null || isRow(message.row)) &&
        optionalString(message.empty, 2000) &&
        isMapOf(message.resources, isResource) &&
        isMapOf(message.texts, isTextState)
        ? (message as HostMessage)
        : undefined;
    case 'text':
      return isInt(message.seq, 0, Number.MAX_SAFE_INTEGER) && typeof message.url === 'string' && isTextState(message.state)
        ? (message as HostMessage)
        : undefined;
    case 'galleryPage':
      return isInt(message.requestId, 0, 2 ** 31) &&
        isInt(message.from, 0, MAX_ROWS) &&
        isInt(message.total, 0, MAX_ROWS) &&
        isInt(message.rowCount, 0, MAX_ROWS) &&
        Array.isArray(message.tiles) &&
        message.tiles.length <= MAX_GALLERY_PAGE &&
        message.tiles.every(isTile)
        ? (message as HostMessage)
        : undefined;
    case 'galleryChanged':
      return { type: 'galleryChanged' };
    default:
      return undefined;
  }
}

/** Saved page state, with defaults for parts an older page did not save; undefined without a document. */
export function parsePanelState(value: unknown): PanelState | undefined {
  if (!isRecord(value) || !isShortString(value.uri, MAX_URL) || !value.uri) return undefined;
  const layers: PanelState['layers'] = {};
  if (isRecord(value.layers)) {
    for (const [url, layer] of Object.entries(value.layers)) {
      if (isRecord(layer) && typeof layer.visible === 'boolean' && typeof layer.opacity === 'number' && layer.opacity >= 0 && layer.opacity <= 1) {
        setOwnValue(layers, url, { visible: layer.visible, opacity: layer.opacity });
      }
    }
  }
  return {
    uri: value.uri,
    ...(typeof value.locked === 'boolean' ? { locked: value.locked } : {}),
    view: value.view === 'gallery' ? 'gallery' : 'row',
    ...(isInt(value.rowIndex, 0, MAX_ROWS) ? { rowIndex: value.rowIndex } : {}),
    filter: parseFilter(value.filter) ?? { ...EMPTY_FILTER },
    galleryScrollTop: typeof value.galleryScrollTop === 'number' && value.galleryScrollTop >= 0 ? value.galleryScrollTop : 0,
    layers,
  };
}
