/**
 * Messages between the VS Code client and the language server beyond standard LSP. Declared
 * once here, each with its literal method name, and imported by both sides.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Range } from 'vscode-languageserver-protocol';
import type { GalleryFilter, GalleryTile } from './gallery';
import type { AccessResult, AccessTarget } from './assetAccess';

export interface UriParams {
  uri: string;
}

/** Makes the server treat a document as an import file whatever its name and content. */
export const CheckAsImportFileRequest = new RequestType<UriParams, boolean, void>('labelboxImport/checkAsImportFile');

/** The server found an import file the client opened as plain JSON. */
export const ImportFileDetectedNotification = new NotificationType<UriParams>('labelboxImport/importFileDetected');

export interface StatusParams {
  uri: string;
  isImportFile: boolean;
  /**
   * Where the checked text comes from: the editor (checked as you type), or the file on disk,
   * for a file VS Code does not hand to extensions (over 50 MB): checked again when it is saved.
   */
  origin: 'editor' | 'disk';
  /** While a big file is being checked: how much of it is done, from 0 to 1 (the counts are not known yet). */
  checking?: number;
  /** Why the file could not be checked. It is then not clean but unchecked, and the counts mean nothing. */
  notChecked?: string;
  rows: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Milliseconds the last check took: parsing what changed and collecting problems. */
  checkMilliseconds: number;
  /** Whether the outline was cut at its limit. */
  outlineCapped: boolean;
  /** The organization's metadata schema file in use (with its number of custom fields), if any. */
  metadataSchema?: string;
  /** Why that file cannot be used, when it is broken: custom fields are then not checked. */
  metadataSchemaProblem?: string;
}

/** After each check, and as a big file's check goes on: what the language status shows. */
export const StatusNotification = new NotificationType<StatusParams>('labelboxImport/status');

export interface CheckFromDiskResult {
  /** Whether the server takes the file for an import file (by its name and settings, or its first bytes). */
  isImportFile: boolean;
  /** Why it cannot be checked, when that is known at once (not a file on disk, unreadable). */
  notChecked?: string;
}

/**
 * Checks a file from disk: an import file open in an editor whose text VS Code does not hand to
 * extensions (files over 50 MB). The server reads it in chunks and checks it as it reads;
 * problems and status come as for any document. Sent again when the file changes on disk.
 */
export const CheckFromDiskRequest = new RequestType<UriParams, CheckFromDiskResult, void>('labelboxImport/checkFromDisk');

/** The editors of a file checked from disk were closed: its problems go. */
export const CloseFromDiskNotification = new NotificationType<UriParams>('labelboxImport/closeFromDisk');

export interface RowProblem {
  range: Range;
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
}

export interface RowAtParams {
  uri: string;
  /** A position in the document; the row whose span holds it is returned. */
  position?: { line: number; character: number };
  /** Or the row's index. */
  index?: number;
}

export interface RowAtResult {
  index: number;
  rowCount: number;
  range: Range;
  /** The row as plain JSON (parts that could not be parsed are left out). */
  value: unknown;
  dialect: 'current' | 'legacy' | undefined;
  mediaType?: string;
  /** Without a media_type: the type the asset suggests. */
  inferredMediaType?: string;
  problems: RowProblem[];
  /** Metadata names and option names by id, from the reserved fields and the organization's schema. */
  metadataNames: Record<string, string>;
}

/** The data row at a position, for the preview. */
export const RowAtRequest = new RequestType<RowAtParams, RowAtResult | null, void>('labelboxImport/rowAt');

export interface GalleryParams {
  uri: string;
  from: number;
  count: number;
  filter?: Partial<GalleryFilter>;
}

export interface GalleryResult {
  total: number;
  rowCount: number;
  tiles: GalleryTile[];
}

/** A page of the rows matching a filter, for the preview's gallery. */
export const GalleryRequest = new RequestType<GalleryParams, GalleryResult | null, void>('labelboxImport/gallery');

export interface GlobalKeysResult {
  /** The file's distinct global keys, as written (each spelling once), in row order; at most MAX_GLOBAL_KEYS_ASKED. */
  keys: string[];
  /** How many distinct keys the file has (more than `keys` holds when it was cut). */
  total: number;
}

/** The most keys one run of "Check Global Keys Against Labelbox" asks about: more than Labelbox's 150,000 rows per import. */
export const MAX_GLOBAL_KEYS_ASKED = 200_000;

/** The global keys of an open import file, for "Check Global Keys Against Labelbox"; null when it is not one. */
export const GlobalKeysRequest = new RequestType<UriParams, GlobalKeysResult | null, void>('labelboxImport/globalKeys');

export interface LabelboxKeyResult {
  key: string;
  /** A data row has the key, or Labelbox answered "access denied" for it. Keys it does not have are not sent. */
  state: 'exists' | 'access-denied';
  dataRowId?: string;
}

export interface LabelboxKeyResultsParams {
  uri: string;
  /** When Labelbox answered (ISO 8601). */
  checkedAt: string;
  /** Drops the findings of the file's earlier runs first (the first message of each run). */
  replace?: boolean;
  /** At most MAX_LABELBOX_KEY_RESULTS per message. */
  results: LabelboxKeyResult[];
}

export const MAX_LABELBOX_KEY_RESULTS = 5000;

/**
 * What Labelbox answered about a file's global keys: the server reports each found key at its
 * rows (global-key-exists-in-labelbox) until the command runs again or the file is closed.
 */
export const LabelboxKeyResultsNotification = new NotificationType<LabelboxKeyResultsParams>('labelboxImport/labelboxGlobalKeyResults');

/** The asset access check: what "Labelbox: Check Asset Access" asks of a file (see common/assetAccess.ts). */
export interface AssetUrlsResult {
  /** Each distinct URL to request, with the rows that use it (the first 50), except those whose result is still kept. */
  urls: Array<AccessTarget & { rows: number[] }>;
  /** URLs that cannot be requested from here (gs://, paths, http://), with why. */
  notCheckable: Array<{ url: string; reason: string; rows: number[] }>;
  /** Results of an earlier check still kept (labelboxImport.assetCheck.cacheMinutes): not asked again. */
  known: AccessResult[];
}

export const AssetUrlsRequest = new RequestType<UriParams, AssetUrlsResult | null, void>('labelboxImport/assetUrls');

export interface AssetAccessResultsParams {
  /** At most MAX_RESULTS_PER_BATCH per message. */
  results: AccessResult[];
  /** How long the server keeps them (labelboxImport.assetCheck.cacheMinutes; 0: only until the next results). */
  keepMinutes: number;
}

/** Results of the check, sent as they come: the server keeps them and publishes them as problems where files use the URLs. */
export const AssetAccessResultsNotification = new NotificationType<AssetAccessResultsParams>('labelboxImport/assetAccessResults');

/** How far the server is in reading the global keys of the workspace's import files (`labelboxImport.globalKeys.acrossFiles`). */
export interface WorkspaceKeysStatusParams {
  /** off: the setting is off (or no folder is open); scanning: looking for import files; indexing: reading them; ready: every file read. */
  state: 'off' | 'scanning' | 'indexing' | 'ready';
  /** Import files whose keys are known (open or read from disk). */
  indexedFiles: number;
  /** Import files found so far. */
  totalFiles: number;
  /** Distinct global keys across them. */
  keys: number;
  /** Files left out, with why (at most 20). */
  skipped: { file: string; reason: string }[];
}

export const WorkspaceKeysStatusNotification = new NotificationType<WorkspaceKeysStatusParams>('labelboxImport/workspaceKeysStatus');
