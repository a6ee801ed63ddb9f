import type { JsonNode, JsonValue, ObjectNode, StringNode } from '../../json/ast';
import { getProperty, stringProperty } from '../../json/ast';
import { looksLikeUrl, schemeOf } from '../../../common/urls';
import type { RowCheck } from '../rowCheck';
import { fieldsOf, type ParsedFields } from './parsedFields';

const URL_KEYS_OF_ROW = ['imageUrl', 'videoUrl', 'data', 'conversationalUrl', 'tileLayerUrl'];
const URL_KEYS_OF_OBJECT = ['tileLayerUrl', 'tile_layer_url', 'pdf_url', 'pdfUrl', 'text_layer_url', 'textLayerUrl'];

/** Keeps a URL's string: strings are read first, and a node is made only for the URLs kept. */
type UrlFilter = (text: string) => boolean;

/** The URLs of the row with something checkUrls reports. */
export function suspectUrlNodesOf(check: RowCheck): StringNode[] {
  return urlNodesOf(check, isSuspectUrl);
}

/**
 * Whether the row's plain value has a string that `wanted` keeps in a place urlNodesOf looks
 * at, read without making nodes. Conservative: it also looks at the value of a text
 * attachment, which urlNodesOf skips. A tree holds the value's strings or fewer (a property
 * the tolerant parser read without a value is missing from the tree, not from the value), so
 * when this is false urlNodesOf finds nothing.
 */
export function hasUrlValue(row: ParsedFields, wanted: UrlFilter): boolean {
  const rowData = row.row_data;
  if (typeof rowData === 'string') {
    if (wanted(rowData)) return true;
  } else {
    const object = fieldsOf(rowData);
    if (object && (objectUrlWanted(object, wanted) || layersWanted(object.alternativeLayers, wanted) || layersWanted(object.alternative_layers, wanted)))
      return true;
  }
  if (rowUrlWanted(row, wanted) || layersWanted(row.alternativeLayers, wanted)) return true;
  const attachments = row.attachments;
  if (Array.isArray(attachments)) for (const attachment of attachments) if (stringWanted(fieldsOf(attachment)?.value, wanted)) return true;
  return stringWanted(fieldsOf(row.info)?.value, wanted);
}

function stringWanted(value: JsonValue | undefined, wanted: UrlFilter): boolean {
  return typeof value === 'string' && wanted(value);
}

/** URL_KEYS_OF_ROW, read by name. */
function rowUrlWanted(row: ParsedFields, wanted: UrlFilter): boolean {
  return (
    stringWanted(row.imageUrl, wanted) ||
    stringWanted(row.videoUrl, wanted) ||
    stringWanted(row.data, wanted) ||
    stringWanted(row.conversationalUrl, wanted) ||
    stringWanted(row.tileLayerUrl, wanted)
  );
}

/** URL_KEYS_OF_OBJECT, read by name. */
function objectUrlWanted(object: ParsedFields, wanted: UrlFilter): boolean {
  return (
    stringWanted(object.tileLayerUrl, wanted) ||
    stringWanted(object.tile_layer_url, wanted) ||
    stringWanted(object.pdf_url, wanted) ||
    stringWanted(object.pdfUrl, wanted) ||
    stringWanted(object.text_layer_url, wanted) ||
    stringWanted(object.textLayerUrl, wanted)
  );
}

function layersWanted(layers: JsonValue | undefined, wanted: UrlFilter): boolean {
  if (!Array.isArray(layers)) return false;
  for (const layer of layers) if (stringWanted(fieldsOf(layer)?.tileLayerUrl, wanted)) return true;
  return false;
}

/**
 * Every string in the row that holds a URL and passes `wanted`: the asset, tile layers, PDFs
 * and attachments (not raw text).
 */
export function urlNodesOf(check: RowCheck, wanted: UrlFilter): StringNode[] {
  const found: StringNode[] = [];
  const rowData = check.property('row_data')?.value;
  if (rowData?.type === 'string' && wanted(rowData.value)) found.push(rowData);
  if (rowData?.type === 'object') {
    for (const key of URL_KEYS_OF_OBJECT) addUrl(found, rowData, key, wanted);
    addLayers(found, getProperty(rowData, 'alternativeLayers')?.value, wanted);
    addLayers(found, getProperty(rowData, 'alternative_layers')?.value, wanted);
  }
  for (const key of URL_KEYS_OF_ROW) addUrl(found, check.node, key, wanted);
  addLayers(found, check.property('alternativeLayers')?.value, wanted);
  const attachments = check.property('attachments')?.value;
  if (attachments?.type === 'array') for (const attachment of attachments.items) addAttachmentUrl(found, attachment, wanted);
  const info = check.property('info')?.value;
  if (info) addAttachmentUrl(found, info, wanted);
  return found;
}

/** A URL with a scheme or a character checkUrls reports. */
function isSuspectUrl(text: string): boolean {
  if (!looksLikeUrl(text)) return false;
  const scheme = schemeOf(text);
  return scheme === 's3' || scheme === 'http' || scheme === 'data' || /[#<>|]/.test(text);
}

/** Adds the object's string property `key` when `wanted` keeps it. */
function addUrl(found: StringNode[], object: ObjectNode, key: string, wanted: UrlFilter): void {
  const text = stringProperty(object, key);
  if (text !== undefined && wanted(text)) found.push(getProperty(object, key)!.value as StringNode);
}

function addLayers(found: StringNode[], node: JsonNode | undefined, wanted: UrlFilter): void {
  if (node?.type !== 'array') return;
  for (const layer of node.items) if (layer.type === 'object') addUrl(found, layer, 'tileLayerUrl', wanted);
}

/** An attachment's value, unless the attachment holds text. */
function addAttachmentUrl(found: StringNode[], attachment: JsonNode, wanted: UrlFilter): void {
  if (attachment.type !== 'object') return;
  const type = stringProperty(attachment, 'type');
  if (type === 'RAW_TEXT' || type === 'TEXT') return;
  addUrl(found, attachment, 'value', wanted);
}

/** isSuspectUrl, answered sooner for an https URL (most are): only its characters are left to test, with four searches that cost half of /[#<>|]/. */
function mayBeSuspectUrl(text: string): boolean {
  if (text.startsWith('https://')) return text.includes('#') || text.includes('<') || text.includes('>') || text.includes('|');
  return isSuspectUrl(text);
}

/** URL schemes and characters Labelbox rejects or does not support. */
export function checkUrls(check: RowCheck): void {
  // Most rows have none: their strings are read without making a node.
  if (hasUrlValue(check.value, mayBeSuspectUrl)) reportUrlsOnTree(check);
}

/** What checkUrls reports, found on the row's tree: this code decides and words each report. */
export function reportUrlsOnTree(check: RowCheck): void {
  const rowData = check.property('row_data')?.value;
  for (const node of suspectUrlNodesOf(check)) {
    const url = node.value;
    const scheme = schemeOf(url);
    if (scheme === 's3') {
      const match = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(url);
      const example = match ? `https://${match[1]}.s3.<region>.amazonaws.com/${match[2]}` : 'https://<bucket>.s3.<region>.amazonaws.com/<key>';
      // The SDK checks only a string row_data ("s3 assets must start with 'https'").
      if (node === rowData) check.report(node, 's3-url', `Labelbox rejects s3:// URLs in row_data. Use the bucket's https URL: ${example}`);
      else
        check.report(
          node,
          's3-url',
          `Labelbox documents https URLs here; s3:// is rejected in row_data and not confirmed to work elsewhere. Use the bucket's https URL: ${example}`,
          { severity: 'warning' },
        );
      continue;
    }
    if (scheme === 'http') {
      check.report(node, 'insecure-url', 'This URL uses http://; Labelbox expects https:// (signed URLs work only over https).', {
        fixes: [{ kind: 'replace', title: 'Use https://', text: JSON.stringify(url.replace(/^http:/i, 'https:')) }],
      });
    } else if (scheme === 'data') {
      check.report(node, 'data-url', 'data: URLs are not a documented way to give an asset; host the file and use its https URL.');
      continue;
    }
    // The docs' list: # < > | (spaces are not in it).
    const bad = /[#<>|]/.test(url) ? [...new Set(url.replace(/\{[xyz]\}/g, '').match(/[#<>|]/g) ?? [])] : [];
    if (bad.length) {
      check.report(
        node,
        'unsupported-url-character',
        `This URL contains ${bad.map((ch) => `"${ch}"`).join(', ')}; Labelbox's docs say # < > | are not supported in URLs and keep files from loading. Percent-encode them (for example "#" as %23) or rename the file.`,
      );
    }
  }
}
