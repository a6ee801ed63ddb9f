/**
 * What a data row shows, read from its plain JSON in either dialect: the asset by media
 * type, identifiers, metadata and attachments. The extension computes it once (to know which
 * URLs to resolve and which texts to fetch) and sends it to the webview, which checks its shape
 * (isRowModel) and renders it.
 */
import { ownValue, tableOf } from '../ownKeys';
import { extensionOf, mediaTypeOfUrl } from '../urls';
import { MEDIA_TYPES } from '../mediaTypes';
import { isRecord, type Plain } from './validate';

export interface TileLayerModel {
  name: string;
  url: string;
}

export interface TiledModel {
  /** The row's layer first, then its alternative layers. */
  layers: TileLayerModel[];
  /** South-west and north-east corners in Leaflet order ([lat, lng], or [y, x] for Simple). */
  bounds?: [[number, number], [number, number]];
  minZoom?: number;
  maxZoom?: number;
  maxNativeZoom?: number;
  tileSize?: number;
  /** The projection of the map: slippy-map Web Mercator, EPSG3395, or plain pixels. */
  crs: 'EPSG3857' | 'EPSG3395' | 'Simple';
  epsg?: string;
}

export interface ChatMessage {
  id?: string;
  author: string;
  content: string;
  align: 'left' | 'right';
  canLabel?: boolean;
}

export interface ConversationModel {
  messages: ChatMessage[];
  modelOutputs: Array<{ title: string; content: string; model?: string }>;
}

/** The assets loaded from their URL, which can be shown with a problem above them (a wrong media_type). */
const URL_ASSET_KINDS = ['image', 'video', 'audio', 'html', 'dicom'] as const;

export type AssetModel =
  /** `note`: a problem to show above the asset, such as a media_type the asset is shown despite. */
  | { kind: (typeof URL_ASSET_KINDS)[number]; url: string; note?: string }
  | { kind: 'pdf'; url: string; textLayerUrl?: string }
  | { kind: 'text'; text: string }
  | { kind: 'textUrl'; url: string }
  | { kind: 'tiled'; tiled: TiledModel }
  | { kind: 'conversation'; conversation: ConversationModel }
  | { kind: 'conversationUrl'; url: string }
  | { kind: 'modelChat'; note: string }
  | { kind: 'unknown'; url?: string; note: string }
  | { kind: 'missing'; note: string };

/** Every kind of asset: the record fails to compile when a kind of AssetModel is missing from it or it names one that is not. */
const ASSET_KIND_SET: Record<AssetModel['kind'], true> = {
  image: true,
  video: true,
  audio: true,
  html: true,
  dicom: true,
  pdf: true,
  text: true,
  textUrl: true,
  tiled: true,
  conversation: true,
  conversationUrl: true,
  modelChat: true,
  unknown: true,
  missing: true,
};
export type AssetKind = AssetModel['kind'];
/** The kinds the page renders (`webview/rowView.ts`); `test/unit/previewRenderers.test.ts` checks each is documented and tested. */
export const ASSET_KINDS = Object.keys(ASSET_KIND_SET) as readonly AssetKind[];

export type AttachmentKind = 'image' | 'video' | 'audio' | 'markdown' | 'textUrl' | 'html' | 'overlay' | 'pdf' | 'camera' | 'unknown';

export interface AttachmentModel {
  type: string;
  kind: AttachmentKind;
  value: string;
  name?: string;
  /** Set when the entry is not a valid attachment; the value is then shown as text. */
  problem?: string;
}

export interface MetadataEntry {
  /** The field's name when known (given, or found by its schema id). */
  name?: string;
  schemaId?: string;
  value: unknown;
  /** When the value is an option's schema id: the option's name. */
  valueName?: string;
}

export interface RowModel {
  asset: AssetModel;
  globalKey?: string;
  externalId?: string;
  mediaType?: string;
  metadata: MetadataEntry[];
  attachments: AttachmentModel[];
  embeddings: number;
}

/** Extensions the preview also reads a media type from, beyond those the server checks media_type against. */
const PREVIEW_EXTRA = tableOf({ svg: 'IMAGE', oga: 'AUDIO', md: 'TEXT', csv: 'TEXT', json: 'CONVERSATIONAL' });

/** A URL (with a scheme), or a path to a file, rather than text to label. */
export function isAddress(text: string): boolean {
  const trimmed = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || /^(data|javascript|vbscript|blob|file):/i.test(trimmed)) return true;
  if (/\s/.test(trimmed)) return false;
  return /^(\/|\.{1,2}[\\/]|~[\\/]|[a-zA-Z]:[\\/])/.test(trimmed) || /^[\w\-.]+([\\/][\w\-.]+)*\.[a-z0-9]{2,5}$/i.test(trimmed);
}

function previewMediaTypeOfUrl(url: string): string | undefined {
  const extension = extensionOf(url);
  return (extension ? PREVIEW_EXTRA.get(extension) : undefined) ?? mediaTypeOfUrl(url);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Keys that make a row without row_data a legacy (camelCase) one. */
const LEGACY_ROW_KEYS = ['imageUrl', 'videoUrl', 'data', 'conversationalUrl', 'conversationalData', 'tileLayerUrl', 'externalId', 'globalKey'] as const;

/** The preview of a row. `mediaType` is the row's media_type or the one the server inferred. */
export function describeRow(value: unknown, mediaType: string | undefined, metadataNames: Record<string, string> = {}): RowModel {
  if (!isRecord(value)) {
    return { asset: { kind: 'missing', note: 'This element is not a data row object.' }, metadata: [], attachments: [], embeddings: 0 };
  }
  const legacy = !('row_data' in value) && LEGACY_ROW_KEYS.some((key) => key in value);
  const type = str(value.media_type) ?? mediaType;
  return {
    asset: legacy ? legacyAsset(value) : currentAsset(value.row_data, type),
    globalKey: str(value.global_key) ?? str(value.globalKey),
    externalId: str(value.external_id) ?? str(value.externalId),
    mediaType: type,
    metadata: metadataOf(value, metadataNames),
    attachments: attachmentsOf(value),
    embeddings: Array.isArray(value.embeddings) ? value.embeddings.length : 0,
  };
}

function assetOfString(text: string, mediaType: string | undefined): AssetModel {
  const address = isAddress(text);
  if (!text.trim()) return { kind: 'missing', note: 'row_data is empty.' };
  // A media_type Labelbox does not know (IMAGEX, image) on a URL that plainly names a file of
  // a known kind: show the file as that kind, with the problem above it.
  const inferred = address ? previewMediaTypeOfUrl(text) : undefined;
  if (mediaType !== undefined && !(MEDIA_TYPES as readonly string[]).includes(mediaType) && inferred) {
    const asset = assetOfType(text, inferred, address);
    const extension = extensionOf(text);
    const note = `media_type "${mediaType}" is not a media type Labelbox knows; shown as ${articleFor(inferred)} because the URL ends in .${extension}. Labelbox rejects this row until media_type is fixed.`;
    return isShownDespiteAProblem(asset) ? { ...asset, note } : asset;
  }
  return assetOfType(text, mediaType ?? (address ? inferred : 'TEXT'), address);
}

type UrlAsset = Extract<AssetModel, { kind: (typeof URL_ASSET_KINDS)[number] }>;

function isShownDespiteAProblem(asset: AssetModel): asset is UrlAsset {
  return (URL_ASSET_KINDS as readonly string[]).includes(asset.kind);
}

/** The problem to show above an asset, if it has one. (Other kinds' notes are their whole view.) */
export function problemNoteOf(asset: AssetModel): string | undefined {
  return isShownDespiteAProblem(asset) ? asset.note : undefined;
}

/** "an image", "a video"…: how the note names the kind a URL was shown as. */
function articleFor(mediaType: string): string {
  return mediaType === 'IMAGE' ? 'an image' : mediaType === 'AUDIO' ? 'audio' : mediaType === 'HTML' ? 'an HTML page' : `a ${mediaType.toLowerCase()}`;
}

function assetOfType(text: string, type: string | undefined, address: boolean): AssetModel {
  switch (type) {
    case 'TEXT':
      return address ? { kind: 'textUrl', url: text } : { kind: 'text', text };
    case 'IMAGE':
      return { kind: 'image', url: text };
    case 'VIDEO':
      return { kind: 'video', url: text };
    case 'AUDIO':
      return { kind: 'audio', url: text };
    case 'HTML':
      return { kind: 'html', url: text };
    case 'DICOM':
      return { kind: 'dicom', url: text };
    case 'PDF':
      return { kind: 'pdf', url: text };
    case 'CONVERSATIONAL':
      return address
        ? { kind: 'conversationUrl', url: text }
        : { kind: 'unknown', note: 'A CONVERSATIONAL row needs a conversation object or the URL of a conversation file.' };
    default:
      return address
        ? {
            kind: 'unknown',
            url: text,
            note: type ? `No preview for media type ${type} given as a URL.` : 'The media type of this URL is unknown: set media_type.',
          }
        : { kind: 'text', text };
  }
}

function currentAsset(rowData: unknown, mediaType: string | undefined): AssetModel {
  if (rowData === undefined || rowData === null) return { kind: 'missing', note: 'This row has no row_data.' };
  if (typeof rowData === 'string') return assetOfString(rowData, mediaType);
  if (!isRecord(rowData)) return { kind: 'missing', note: 'row_data must be a string or an object.' };
  if ('tileLayerUrl' in rowData || 'tile_layer_url' in rowData) {
    const tiled = tiledOf(rowData);
    return tiled ? { kind: 'tiled', tiled } : { kind: 'missing', note: 'The tiled imagery object has no tile layer URL.' };
  }
  const pdfUrl = str(rowData.pdf_url) ?? str(rowData.pdfUrl);
  if (pdfUrl) return { kind: 'pdf', url: pdfUrl, textLayerUrl: str(rowData.text_layer_url) ?? str(rowData.textLayerUrl) };
  if (str(rowData.type)?.endsWith('model-chat-evaluation') || (isRecord(rowData.messages) && !Array.isArray(rowData.messages))) {
    return { kind: 'modelChat', note: 'A model chat evaluation row: the conversation is written in Labelbox while labelers chat with the models.' };
  }
  const conversation = conversationOf(rowData);
  if (conversation) return { kind: 'conversation', conversation };
  return { kind: 'unknown', note: 'No preview for this row_data object.' };
}

function legacyAsset(row: Plain): AssetModel {
  const image = str(row.imageUrl);
  if (image) return { kind: 'image', url: image };
  const video = str(row.videoUrl);
  if (video) return { kind: 'video', url: video };
  if (typeof row.data === 'string') return assetOfString(row.data, undefined);
  const conversationUrl = str(row.conversationalUrl);
  if (conversationUrl) return { kind: 'conversationUrl', url: conversationUrl };
  if (Array.isArray(row.conversationalData)) {
    return { kind: 'conversation', conversation: conversationOf({ messages: row.conversationalData }) ?? { messages: [], modelOutputs: [] } };
  }
  if ('tileLayerUrl' in row) {
    const tiled = tiledOf(row);
    if (tiled) return { kind: 'tiled', tiled };
  }
  return { kind: 'missing', note: 'This row has no asset (imageUrl, videoUrl, data, conversationalUrl, conversationalData or tileLayerUrl).' };
}

/** Coordinates beyond this are no place on a map or an image; the map library turns them into NaN. */
const MAX_COORDINATE = 1e9;
const coordinate = (value: unknown) => {
  const number = num(value);
  return number !== undefined && Math.abs(number) <= MAX_COORDINATE ? number : undefined;
};
/** A zoom level the map can show (Labelbox's tiled imagery uses 0 to about 23). */
const zoom = (value: unknown) => {
  const number = num(value);
  return number !== undefined && number >= 0 && number <= 30 ? number : undefined;
};

function isPoint(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && coordinate(value[0]) !== undefined && coordinate(value[1]) !== undefined;
}

/** A tiled imagery object, camelCase or snake_case keys. */
export function tiledOf(object: Plain): TiledModel | undefined {
  const get = (camel: string, snake: string) => ownValue(object, camel) ?? ownValue(object, snake);
  const url = str(get('tileLayerUrl', 'tile_layer_url'));
  if (!url) return undefined;
  const epsg = str(object.epsg);
  const simple = epsg !== undefined && /^(simple|simplepixel)$/i.test(epsg);
  const crs: TiledModel['crs'] = simple ? 'Simple' : epsg?.toUpperCase() === 'EPSG3395' ? 'EPSG3395' : 'EPSG3857';
  // version 2 writes points as [lng, lat] / [x, y]; version 1 as [lat, lng] / [y, x]. The default is 1, or 2 for Simple.
  const version = num(object.version) ?? (simple ? 2 : 1);
  const layers: TileLayerModel[] = [{ name: 'Tile layer', url }];
  const alternatives = get('alternativeLayers', 'alternative_layers');
  if (Array.isArray(alternatives)) {
    alternatives.forEach((layer, position) => {
      const layerUrl = isRecord(layer) ? str(layer.tileLayerUrl ?? layer.tile_layer_url) : undefined;
      if (layerUrl) layers.push({ name: str((layer as Plain).name) || `Layer ${position + 2}`, url: layerUrl });
    });
  }
  const model: TiledModel = { layers, crs, epsg };
  const bounds = object.bounds;
  if (Array.isArray(bounds) && bounds.length === 2 && isPoint(bounds[0]) && isPoint(bounds[1])) {
    const [a, b] =
      version === 2
        ? [
            [bounds[0][1], bounds[0][0]],
            [bounds[1][1], bounds[1][0]],
          ]
        : [bounds[0], bounds[1]];
    model.bounds = [
      [Math.min(a[0], b[0]), Math.min(a[1], b[1])],
      [Math.max(a[0], b[0]), Math.max(a[1], b[1])],
    ];
  }
  // Out-of-range values are left to the server's diagnostics; the map uses its defaults.
  const minZoom = zoom(get('minZoom', 'min_zoom'));
  const maxZoom = zoom(get('maxZoom', 'max_zoom'));
  const maxNativeZoom = zoom(get('maxNativeZoom', 'max_native_zoom'));
  const size = num(get('tileSize', 'tile_size'));
  const tileSize = size !== undefined && size <= 4096 ? size : undefined;
  if (minZoom !== undefined) model.minZoom = minZoom;
  if (maxZoom !== undefined) model.maxZoom = maxZoom;
  if (maxNativeZoom !== undefined) model.maxNativeZoom = maxNativeZoom;
  if (tileSize !== undefined && tileSize > 0) model.tileSize = tileSize;
  return model;
}

/** A conversation object ({messages, modelOutputs}) or a bare list of messages; undefined if neither. */
export function conversationOf(value: unknown): ConversationModel | undefined {
  const messages = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value.messages) ? value.messages : undefined;
  if (!messages) return undefined;
  const outputs = isRecord(value) && Array.isArray(value.modelOutputs) ? value.modelOutputs : [];
  return {
    messages: messages.filter(isRecord).map((message) => {
      const user = isRecord(message.user) ? message.user : {};
      const content = message.content;
      return {
        id: str(message.messageId),
        author: str(user.name) ?? str(user.userId) ?? 'Unknown',
        content: typeof content === 'string' ? content : content === undefined ? '' : JSON.stringify(content),
        align: message.align === 'right' ? 'right' : 'left',
        ...(typeof message.canLabel === 'boolean' ? { canLabel: message.canLabel } : {}),
      };
    }),
    modelOutputs: outputs.filter(isRecord).map((output) => ({
      title: str(output.title) ?? 'Response',
      content: str(output.content) ?? '',
      model: str(output.modelConfigName),
    })),
  };
}

function metadataOf(row: Plain, names: Record<string, string>): MetadataEntry[] {
  const entries: MetadataEntry[] = [];
  for (const key of ['metadata_fields', 'metadata', 'metadataFields'] as const) {
    const list = row[key];
    if (!Array.isArray(list)) continue;
    for (const field of list) {
      if (!isRecord(field)) continue;
      const schemaId = str(field.schema_id) ?? str(field.schemaId);
      const name = str(field.name) ?? (schemaId ? ownValue(names, schemaId) : undefined);
      const entry: MetadataEntry = { value: field.value };
      if (name !== undefined) entry.name = name;
      if (schemaId !== undefined) entry.schemaId = schemaId;
      const optionName = typeof field.value === 'string' ? ownValue(names, field.value) : undefined;
      if (optionName !== undefined) entry.valueName = optionName;
      entries.push(entry);
    }
  }
  return entries;
}

const KIND_OF_TYPE = tableOf<AttachmentKind>({
  IMAGE: 'image',
  VIDEO: 'video',
  AUDIO: 'audio',
  RAW_TEXT: 'markdown',
  TEXT_URL: 'textUrl',
  TEXT_FILE: 'textUrl',
  HTML: 'html',
  IMAGE_OVERLAY: 'overlay',
  PDF_URL: 'pdf',
  CAMERA_IMAGE: 'camera',
});

function attachmentsOf(row: Plain): AttachmentModel[] {
  const list: unknown[] = Array.isArray(row.attachments) ? [...(row.attachments as unknown[])] : [];
  if (isRecord(row.info)) list.push(row.info);
  return list.map((item): AttachmentModel => {
    if (!isRecord(item)) return { type: '?', kind: 'unknown', value: JSON.stringify(item) ?? '', problem: 'Not an attachment object.' };
    const type = str(item.type) ?? '';
    const value = str(item.value);
    const name = str(item.name);
    const base = name !== undefined ? { type, name } : { type };
    if (value === undefined) return { ...base, kind: 'unknown', value: JSON.stringify(item.value) ?? '', problem: 'The attachment has no text value.' };
    // Legacy TEXT held either the text or a URL of it.
    if (type === 'TEXT') return { ...base, kind: isAddress(value) && !/\s/.test(value.trim()) ? 'textUrl' : 'markdown', value };
    const kind = KIND_OF_TYPE.get(type);
    return kind
      ? { ...base, kind, value }
      : { ...base, kind: 'unknown', value, problem: type ? `Unknown attachment type ${type}.` : 'The attachment has no type.' };
  });
}

/** Each URL of a row and what the webview does with it: load it, or show text the extension fetches. */
export function addressesOf(model: RowModel): { load: string[]; fetch: string[]; link: string[] } {
  const load = new Set<string>();
  const fetch = new Set<string>();
  const link = new Set<string>();
  const asset = model.asset;
  switch (asset.kind) {
    case 'html':
      // The extension reads the page and the frame gets it as srcdoc (see frameView).
      fetch.add(asset.url);
      break;
    case 'image':
    case 'video':
    case 'audio':
      load.add(asset.url);
      break;
    case 'pdf':
      // A webview cannot show PDF documents: they are only opened externally.
      link.add(asset.url);
      if (asset.textLayerUrl) link.add(asset.textLayerUrl);
      break;
    case 'dicom':
      link.add(asset.url);
      break;
    case 'textUrl':
    case 'conversationUrl':
      fetch.add(asset.url);
      break;
    case 'tiled':
      for (const layer of asset.tiled.layers) load.add(layer.url);
      break;
    case 'unknown':
      if (asset.url) link.add(asset.url);
      break;
    default:
      break;
  }
  for (const attachment of model.attachments) {
    if (attachment.problem || attachment.kind === 'markdown' || attachment.kind === 'unknown') continue;
    (attachment.kind === 'textUrl' || attachment.kind === 'html' ? fetch : attachment.kind === 'pdf' ? link : load).add(attachment.value);
  }
  return { load: [...load], fetch: [...fetch], link: [...link] };
}

// What the page accepts as a row model: the webview is untrusted, so a model that crossed the
// boundary is checked for the shape describeRow gives before it is rendered.

const ATTACHMENT_KINDS: readonly string[] = ['image', 'video', 'audio', 'markdown', 'textUrl', 'html', 'overlay', 'pdf', 'camera', 'unknown'];
const CRS_NAMES: readonly string[] = ['EPSG3857', 'EPSG3395', 'Simple'];

const isString = (value: unknown): value is string => typeof value === 'string';
const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';
const isOptionalNumber = (value: unknown): boolean => value === undefined || num(value) !== undefined;
const isListOf = (value: unknown, check: (item: unknown) => boolean): boolean => Array.isArray(value) && value.every(check);

function isTiledModel(value: unknown): value is TiledModel {
  return (
    isRecord(value) &&
    isListOf(value.layers, (layer) => isRecord(layer) && isString(layer.name) && isString(layer.url)) &&
    (value.bounds === undefined || (Array.isArray(value.bounds) && value.bounds.length === 2 && value.bounds.every(isPoint))) &&
    [value.minZoom, value.maxZoom, value.maxNativeZoom, value.tileSize].every(isOptionalNumber) &&
    CRS_NAMES.includes(value.crs as string) &&
    isOptionalString(value.epsg)
  );
}

function isChatMessage(value: unknown): value is ChatMessage {
  return (
    isRecord(value) &&
    isOptionalString(value.id) &&
    isString(value.author) &&
    isString(value.content) &&
    (value.align === 'left' || value.align === 'right') &&
    (value.canLabel === undefined || typeof value.canLabel === 'boolean')
  );
}

function isConversationModel(value: unknown): value is ConversationModel {
  return (
    isRecord(value) &&
    isListOf(value.messages, isChatMessage) &&
    isListOf(value.modelOutputs, (output) => isRecord(output) && isString(output.title) && isString(output.content) && isOptionalString(output.model))
  );
}

function isAssetModel(value: unknown): value is AssetModel {
  if (!isRecord(value) || !isString(value.kind)) return false;
  if ((URL_ASSET_KINDS as readonly string[]).includes(value.kind)) return isString(value.url) && isOptionalString(value.note);
  switch (value.kind) {
    case 'pdf':
      return isString(value.url) && isOptionalString(value.textLayerUrl);
    case 'text':
      return isString(value.text);
    case 'textUrl':
    case 'conversationUrl':
      return isString(value.url);
    case 'tiled':
      return isTiledModel(value.tiled);
    case 'conversation':
      return isConversationModel(value.conversation);
    case 'modelChat':
    case 'missing':
      return isString(value.note);
    case 'unknown':
      return isOptionalString(value.url) && isString(value.note);
    default:
      return false;
  }
}

function isMetadataEntry(value: unknown): value is MetadataEntry {
  return isRecord(value) && isOptionalString(value.name) && isOptionalString(value.schemaId) && isOptionalString(value.valueName);
}

function isAttachmentModel(value: unknown): value is AttachmentModel {
  return (
    isRecord(value) &&
    isString(value.type) &&
    ATTACHMENT_KINDS.includes(value.kind as string) &&
    isString(value.value) &&
    isOptionalString(value.name) &&
    isOptionalString(value.problem)
  );
}

/** Whether a value has the shape of a row model (as describeRow makes it), checked all the way down. */
export function isRowModel(value: unknown): value is RowModel {
  return (
    isRecord(value) &&
    isAssetModel(value.asset) &&
    isOptionalString(value.globalKey) &&
    isOptionalString(value.externalId) &&
    isOptionalString(value.mediaType) &&
    isListOf(value.metadata, isMetadataEntry) &&
    isListOf(value.attachments, isAttachmentModel) &&
    Number.isInteger(value.embeddings) &&
    (value.embeddings as number) >= 0
  );
}
