import { Random } from './random';

/**
 * Realistic import files for the benchmark and the tests: rows like the format spec's §8.2
 * and §8.3 examples (images with metadata and attachments, videos, text, conversations,
 * PDFs, tiled imagery, audio, HTML, DICOM, now and then embeddings), with about one row in a
 * hundred made wrong in one of several ways. Seeded, so a size and seed always give the
 * same file.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Row = { [key: string]: Json };

export const ERROR_KINDS = [
  'media-type-case',
  'unknown-property',
  's3-url',
  'missing-row-data',
  'empty-row-data',
  'attachment-type',
  'attachment-empty-value',
  'metadata-option',
  'metadata-missing-value',
  'duplicate-global-key',
  'global-key-too-long',
  'insecure-url',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface InjectedError {
  /** 0-based row index. */
  row: number;
  kind: ErrorKind;
  /** For a duplicate global key: the earlier row whose key was copied (it is reported too). */
  duplicateOf?: number;
}

export interface GeneratedFile {
  text: string;
  rows: number;
  errors: InjectedError[];
}

export const TAG_ID = 'cko8s9r5v0001h2dk9elqdidh';
export const SPLIT_ID = 'cko8sbczn0002h2dkdaxb5kal';
const SPLIT_OPTIONS = ['cko8sbscr0003h2dk04w86hof', 'cko8sc2yr0004h2dk69aj5x63', 'cko8scbz70005h2dkastwhgqt'];
const SPLIT_NAMES = ['train', 'valid', 'test'];

const PROJECTS = ['field-survey', 'orchard-north', 'traffic-cams', 'retail-shelves', 'wind-turbines', 'radiology-ct', 'support-chats', 'contracts'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const TAGS = ['wheat', 'barley', 'night', 'day', 'rain', 'fog', 'pilot-batch', 'reviewed', 'hard-case', 'blurry', 'occluded'];
const WORDS = [
  'leaves',
  'shadow',
  'tree',
  'line',
  'covers',
  'lower',
  'third',
  'frost',
  'damage',
  'plot',
  'reseeded',
  'after',
  'north',
  'field',
  'camera',
  'angle',
  'customer',
  'order',
  'never',
  'arrived',
  'support',
  'plan',
  'phone',
  'email',
];

function sentence(random: Random, min: number, max: number): string {
  const words: string[] = [];
  for (let i = random.int(min, max); i > 0; i--) words.push(random.pick(WORDS));
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function date(random: Random): string {
  return `2024-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`;
}

function bucketUrl(project: string, region: string, path: string): string {
  return `https://${project}-data.s3.${region}.amazonaws.com/${path}`;
}

function metadata(random: Random, day: string): Json[] {
  const fields: Json[] = [];
  if (random.chance(0.9)) fields.push({ schema_id: TAG_ID, value: random.pick(TAGS) });
  if (random.chance(0.85)) {
    fields.push(random.chance(0.6) ? { schema_id: SPLIT_ID, value: random.pick(SPLIT_OPTIONS) } : { name: 'split', value: random.pick(SPLIT_NAMES) });
  }
  if (random.chance(0.75))
    fields.push({ name: 'captureDateTime', value: `${day}T${pad(random.int(0, 23), 2)}:${pad(random.int(0, 59), 2)}:${pad(random.int(0, 59), 2)}Z` });
  return fields;
}

function imageRow(random: Random, index: number): Row {
  const project = random.pick(PROJECTS);
  const region = random.pick(REGIONS);
  const day = date(random);
  const name = `IMG_${pad(index, 6)}.jpg`;
  const path = `${day.slice(0, 4)}/plot-${random.int(1, 99)}/${name}`;
  const row: Row = { row_data: bucketUrl(project, region, path), global_key: `${project}/${path}`, external_id: name, media_type: 'IMAGE' };
  const fields = metadata(random, day);
  if (fields.length) row.metadata_fields = fields;
  if (random.chance(0.8)) {
    const attachments: Json[] = [];
    if (random.chance(0.75)) attachments.push({ type: 'IMAGE_OVERLAY', name: 'NDVI', value: bucketUrl(project, region, path.replace('.jpg', '_ndvi.png')) });
    if (random.chance(0.75)) attachments.push({ type: 'RAW_TEXT', name: 'Notes', value: sentence(random, 8, 24) });
    if (random.chance(0.3)) attachments.push({ type: 'PDF_URL', name: 'Protocol', value: bucketUrl(project, region, 'docs/survey-protocol.pdf') });
    if (attachments.length) row.attachments = attachments;
  }
  if (random.chance(0.03)) {
    const vector: number[] = [];
    for (let i = 0; i < 8; i++) vector.push(Math.round((random.next() * 2 - 1) * 1000) / 1000);
    row.embeddings = [{ embedding_id: 'clx8k2m1p000a08l4c7d2e9fq', vector }];
  }
  return row;
}

function videoRow(random: Random, index: number): Row {
  const project = random.pick(PROJECTS);
  const path = `video/cam-${random.int(1, 40)}/clip-${pad(index, 6)}.mp4`;
  const row: Row = {
    row_data: `https://media.${project}.example.org/${path}`,
    global_key: `${project}/${path}`,
    external_id: `clip-${pad(index, 6)}.mp4`,
    media_type: 'VIDEO',
    metadata_fields: metadata(random, date(random)),
  };
  if (random.chance(0.3))
    row.attachments = [{ type: 'VIDEO', name: 'Second angle', value: `https://media.${project}.example.org/${path.replace('.mp4', '-b.mp4')}` }];
  return row;
}

function textRow(random: Random, index: number): Row {
  const key = `notes/plot-${pad(index, 6)}`;
  const row: Row = random.chance(0.5)
    ? { row_data: sentence(random, 8, 30), global_key: `field-survey/${key}`, media_type: 'TEXT' }
    : { row_data: `https://field-survey.example.org/${key}.txt`, global_key: `field-survey/${key}`, media_type: 'TEXT' };
  if (random.chance(0.4)) row.attachments = [{ type: 'TEXT_URL', value: `https://field-survey.example.org/${key}-full.txt` }];
  return row;
}

function conversationRow(random: Random, index: number): Row {
  const messages: Json[] = [];
  for (let i = random.int(2, 4); i > 0; i--) {
    const customer = messages.length % 2 === 0;
    messages.push({
      messageId: `m${messages.length}`,
      timestampUsec: 1530718491 + messages.length * 12,
      content: sentence(random, 4, 14),
      user: customer ? { userId: `cust-${random.int(1, 999)}`, name: 'Customer' } : { userId: 'agent-1', name: 'Agent' },
      align: customer ? 'right' : 'left',
      canLabel: customer,
    });
  }
  return {
    row_data: { type: 'application/vnd.labelbox.conversational', version: 1, messages },
    global_key: `support-chats/conversation-${pad(index, 6)}`,
    media_type: 'CONVERSATIONAL',
  };
}

function pdfRow(random: Random, index: number): Row {
  const base = `https://docs.contracts.example.org/${date(random).slice(0, 4)}/contract-${pad(index, 6)}`;
  return {
    row_data: { pdf_url: `${base}.pdf`, text_layer_url: `${base}.textlayer.json` },
    global_key: `contracts/contract-${pad(index, 6)}.pdf`,
    media_type: 'PDF',
  };
}

function tiledRow(random: Random, index: number): Row {
  const lat = Math.round((random.next() * 120 - 60) * 10000) / 10000;
  const lng = Math.round((random.next() * 340 - 170) * 10000) / 10000;
  return {
    row_data: {
      tileLayerUrl: `https://tiles.example-maps.org/area-${index}/{z}/{x}/{y}.png`,
      bounds: [
        [lng, lat],
        [Math.round((lng + 0.01) * 10000) / 10000, Math.round((lat - 0.01) * 10000) / 10000],
      ],
      minZoom: 12,
      maxZoom: 20,
      epsg: 'EPSG4326',
      version: 2,
    },
    global_key: `maps/area-${pad(index, 6)}`,
    media_type: 'TMS_GEO',
  };
}

function otherMediaRow(random: Random, index: number): Row {
  const [mediaType, folder, extension] = random.pick([
    ['AUDIO', 'audio', 'wav'],
    ['HTML', 'html', 'html'],
    ['DICOM', 'dicom', 'dcm'],
  ] as const);
  return {
    row_data: `https://media.example-lab.org/${folder}/item-${pad(index, 6)}.${extension}`,
    global_key: `${folder}/item-${pad(index, 6)}`,
    media_type: mediaType,
  };
}

function cleanRow(random: Random, index: number): Row {
  const kind = random.next();
  if (kind < 0.64) return imageRow(random, index);
  if (kind < 0.75) return videoRow(random, index);
  if (kind < 0.84) return textRow(random, index);
  if (kind < 0.88) return conversationRow(random, index);
  if (kind < 0.92) return pdfRow(random, index);
  if (kind < 0.95) return tiledRow(random, index);
  return otherMediaRow(random, index);
}

/** Makes an image row wrong in the way `kind` says. */
function breakRow(random: Random, row: Row, kind: ErrorKind, earlier: Row | undefined): void {
  switch (kind) {
    case 'media-type-case':
      row.media_type = 'image';
      return;
    case 'unknown-property':
      row.colour = random.pick(['red', 'green', 'blue']);
      return;
    case 's3-url':
      row.row_data = String(row.row_data).replace(/^https:\/\/([^.]+)\.s3\.[^/]+\//, 's3://$1/');
      return;
    case 'missing-row-data':
      delete row.row_data;
      return;
    case 'empty-row-data':
      row.row_data = '';
      return;
    case 'attachment-type':
      row.attachments = [{ type: 'PICTURE', value: String(row.row_data).replace('.jpg', '_side.jpg') }];
      return;
    case 'attachment-empty-value':
      row.attachments = [{ type: 'RAW_TEXT', name: 'Notes', value: '' }];
      return;
    case 'metadata-option':
      row.metadata_fields = [{ name: 'split', value: 'training' }];
      return;
    case 'metadata-missing-value':
      row.metadata_fields = [{ schema_id: TAG_ID }];
      return;
    case 'duplicate-global-key': {
      const key = String(earlier!.global_key);
      row.global_key = random.chance(0.5) ? key : key.toUpperCase();
      return;
    }
    case 'global-key-too-long':
      row.global_key = `${String(row.global_key)}/${'x'.repeat(210)}`;
      return;
    case 'insecure-url':
      row.row_data = String(row.row_data).replace('https://', 'http://');
      return;
  }
}

/**
 * The organization's custom metadata fields that rich rows use, as the metadata-ontology query
 * answers them (what "Labelbox: Fetch Metadata Schema from Labelbox" saves): a number field
 * like the format spec's `altitude_m` (§8.2), text, an enum and a date-time.
 */
const CUSTOM_FIELDS = [
  { id: 'clq2f7x1k000108l2altitude1', name: 'altitude_m', kind: 'CustomMetadataNumber', reserved: false, options: [] },
  { id: 'clq2f7x1k000208l2cameramd1', name: 'camera_model', kind: 'CustomMetadataString', reserved: false, options: [] },
  { id: 'clq2f7x1k000308l2operatorx', name: 'operator', kind: 'CustomMetadataString', reserved: false, options: [] },
  { id: 'clq2f7x1k000408l2reviewedt', name: 'reviewed_at', kind: 'CustomMetadataDateTime', reserved: false, options: [] },
  {
    id: 'clq2f7x1k000508l2growthstg',
    name: 'growth_stage',
    kind: 'CustomMetadataEnum',
    reserved: false,
    options: ['seedling', 'tillering', 'heading', 'ripening'].map((name, index) => ({
      id: `clq2f7x1k00${60 + index}08l2stage${name.slice(0, 4)}`,
      kind: 'CustomMetadataEnumOption',
      name,
      reserved: false,
    })),
  },
];

/** The metadata schema file (`.labelbox/metadata-schema.json`) that declares the fields rich rows use. */
export function richMetadataSchema(): string {
  return `${JSON.stringify({ data: { customMetadataOntology: CUSTOM_FIELDS } }, null, 2)}\n`;
}

const CAMERAS = ['DJI Mavic 3M', 'MicaSense RedEdge-P', 'Sony A7R IV', 'Phase One iXM-100'];
const OPERATORS = ['a.okafor', 'j.lindqvist', 'm.tanaka', 'r.silva', 's.novak'];
const STAGES = ['seedling', 'tillering', 'heading', 'ripening'];

/**
 * An image row as big as rows of real survey imports get, about 2 KB pretty-printed: the
 * format spec's §8.2 first row, with more of the same — reserved and custom metadata (by
 * name and by schema id), several overlays, notes, a text file, a protocol PDF and an HTML
 * report as attachments, and now and then an embedding.
 */
function richImageRow(random: Random, index: number): Row {
  const row = imageRow(random, index);
  const project = String(row.global_key).split('/')[0];
  const region = random.pick(REGIONS);
  const path = String(row.global_key).slice(project.length + 1);
  const day = date(random);
  const fields: Json[] = [
    { schema_id: TAG_ID, value: random.pick(TAGS) },
    random.chance(0.5) ? { schema_id: SPLIT_ID, value: random.pick(SPLIT_OPTIONS) } : { name: 'split', value: random.pick(SPLIT_NAMES) },
    { name: 'captureDateTime', value: `${day}T${pad(random.int(0, 23), 2)}:${pad(random.int(0, 59), 2)}:${pad(random.int(0, 59), 2)}Z` },
    { name: 'altitude_m', value: Math.round(random.next() * 12000) / 100 },
    { name: 'camera_model', value: random.pick(CAMERAS) },
    { name: 'operator', value: random.pick(OPERATORS) },
    { name: 'reviewed_at', value: `${day}T${pad(random.int(0, 23), 2)}:00:00Z` },
    { name: 'growth_stage', value: random.pick(STAGES) },
  ];
  const layer = (suffix: string) => bucketUrl(project, region, path.replace('.jpg', `_${suffix}.png`));
  const attachments: Json[] = [
    { type: 'IMAGE_OVERLAY', name: 'NDVI', value: layer('ndvi') },
    { type: 'IMAGE_OVERLAY', name: 'Canopy mask', value: layer('mask') },
    { type: 'RAW_TEXT', name: 'Notes', value: `${sentence(random, 8, 20)} ${sentence(random, 4, 12)}` },
    { type: 'TEXT_URL', name: 'Field log', value: bucketUrl(project, region, `logs/${day}/plot-${random.int(1, 99)}.txt`) },
    { type: 'PDF_URL', name: 'Protocol', value: bucketUrl(project, region, 'docs/survey-protocol.pdf') },
    { type: 'HTML', name: 'Flight report', value: bucketUrl(project, region, `reports/${day}/flight-${random.int(1, 400)}.html`) },
  ];
  const rich: Row = { ...row, metadata_fields: fields, attachments };
  if (random.chance(0.2)) {
    const vector: number[] = [];
    for (let i = 0; i < 16; i++) vector.push(Math.round((random.next() * 2 - 1) * 1000) / 1000);
    rich.embeddings = [{ embedding_id: 'clx8k2m1p000a08l4c7d2e9fq', vector }];
  }
  return rich;
}

/**
 * Rows of about 2 KB each, as in real survey imports at Labelbox's limit of 150,000 rows per
 * file (about 300 MB): rich image rows (`richImageRow`), one in each `errorEvery` wrong in one
 * of ERROR_KINDS. Its custom metadata fields are declared by `richMetadataSchema()`, which
 * must lie beside the file (as `.labelbox/metadata-schema.json`) for them to be known.
 */
export function generateRichImportFile(rowCount: number, seed = 1, errorEvery = 100): GeneratedFile {
  return generateRows(rowCount, seed, errorEvery, richImageRow, richImageRow);
}

/** One row in each `errorEvery` is wrong, each time in one of ERROR_KINDS. */
export function generateImportFile(rowCount: number, seed = 1, errorEvery = 100): GeneratedFile {
  return generateRows(rowCount, seed, errorEvery, cleanRow, imageRow);
}

/** `makeRow` makes the clean rows, `makeWrongRow` the image rows that are then made wrong. */
function generateRows(
  rowCount: number,
  seed: number,
  errorEvery: number,
  makeRow: (random: Random, index: number) => Row,
  makeWrongRow: (random: Random, index: number) => Row,
): GeneratedFile {
  const random = new Random(seed);
  const rows: Row[] = [];
  const errors: InjectedError[] = [];
  const duplicated = new Set<number>();
  let wrongAt = -1;
  for (let index = 0; index < rowCount; index++) {
    if (index % errorEvery === 0) wrongAt = index + random.int(0, errorEvery - 1);
    if (index > 0 && index === wrongAt) {
      const row = makeWrongRow(random, index);
      const kind = random.pick(ERROR_KINDS);
      // The copied key must come from a clean row with a key that has not been copied yet.
      let source: number | undefined;
      if (kind === 'duplicate-global-key') {
        for (let tries = 0; tries < 20 && source === undefined; tries++) {
          const candidate = random.int(0, index - 1);
          if (!duplicated.has(candidate) && !errors.some((error) => error.row === candidate) && typeof rows[candidate].global_key === 'string')
            source = candidate;
        }
        if (source === undefined) {
          rows.push(row);
          continue;
        }
        duplicated.add(source);
      }
      breakRow(random, row, kind, source === undefined ? undefined : rows[source]);
      rows.push(row);
      errors.push(source === undefined ? { row: index, kind } : { row: index, kind, duplicateOf: source });
    } else {
      rows.push(makeRow(random, index));
    }
  }
  return { text: `${JSON.stringify(rows, null, 2)}\n`, rows: rowCount, errors };
}

/** Rows that must have at least one problem reported: each wrong row, and each row whose key was copied. */
export function rowsWithInjectedProblems(file: GeneratedFile): Set<number> {
  const rows = new Set<number>();
  for (const error of file.errors) {
    rows.add(error.row);
    if (error.duplicateOf !== undefined) rows.add(error.duplicateOf);
  }
  return rows;
}

/** One clean row, pretty-printed at the file's indentation, for pasting into a file in tests and benchmarks. */
export function cleanRowText(seed: number, index: number): string {
  return JSON.stringify(cleanRow(new Random(seed), index), null, 2).replace(/\n/g, '\n  ');
}

/**
 * The file's rows without their media_type, as in files that leave it to Labelbox: every row
 * then has a problem (an information note on row_data) and takes a path the file with media
 * types does not.
 */
export function withoutMediaType(text: string): string {
  return mapRows(text, ({ media_type: _mediaType, ...rest }) => rest);
}

/**
 * The file's rows with one more metadata field by a name no schema knows, as in files written
 * before the organization's metadata schema is fetched: every row then has an information
 * note inside its metadata.
 */
export function withUnknownMetadataField(text: string): string {
  return mapRows(text, (row) => ({
    ...row,
    metadata_fields: [...((row.metadata_fields as Json[] | undefined) ?? []), { name: 'camera_model', value: 'X100' }],
  }));
}

/** The file (valid JSON, as generated) with each row changed by `change`, written as generateImportFile writes it. */
function mapRows(text: string, change: (row: Row) => Row): string {
  return `${JSON.stringify((JSON.parse(text) as Row[]).map(change), null, 2)}\n`;
}
