import type { JsonNode, ObjectNode, PropertyNode } from '../../json/ast';
import { getProperty } from '../../json/ast';
import type { RowCheck } from '../rowCheck';
import { tiledImageryIsClean } from './cleanTiled';
import { fieldsOf, type ParsedFields } from './parsedFields';
import {
  boundsProblem,
  isOtherSpelling,
  lacksPlaceholders,
  latitudeIndex,
  SNAKE_CASE_OF,
  TILED_CAMEL_CASE_OF,
  versionOf,
  zoomProblems,
} from './tiledConditions';

function numberAt(node: JsonNode | undefined): number | undefined {
  return node?.type === 'number' ? node.value : undefined;
}

/** A key in either spelling; camelCase wins when both are there. */
function tiledProperty(node: ObjectNode, camelCase: string): PropertyNode | undefined {
  const snake = SNAKE_CASE_OF.get(camelCase);
  return getProperty(node, camelCase) ?? (snake ? getProperty(node, snake) : undefined);
}

/**
 * Tiled imagery: in row_data (current format) or at the top of the row (legacy). The URL
 * template, the bounds for the coordinate system, the zoom levels, and key spellings.
 */
export function checkTiledImagery(check: RowCheck): void {
  // Most rows are not tiled imagery, and most tiled imagery is right: read from the plain value, without making nodes.
  if (mayReport(check)) reportTiledImageryOnTree(check);
}

/**
 * False only when reportTiledImageryOnTree reports nothing: it finds no tiled imagery, or
 * tiledImageryIsClean says so. Read from the plain value when the tree was made over it; a
 * tree from the tolerant parser can have a tile layer key without a value, which the value
 * leaves out, so there the tree decides.
 */
function mayReport(check: RowCheck): boolean {
  if (!check.onParsedValue) return true;
  const tiled = tiledObjectOf(check);
  return tiled !== undefined && !tiledImageryIsClean(tiled);
}

/** Where reportTiledImageryOnTree finds tiled imagery, in the row's plain value. */
function tiledObjectOf(check: RowCheck): ParsedFields | undefined {
  const row = check.value as ParsedFields;
  if (check.dialect === 'legacy') return row.tileLayerUrl !== undefined ? row : undefined;
  const rowData = fieldsOf(row.row_data);
  return rowData !== undefined && (rowData.tileLayerUrl !== undefined || rowData.tile_layer_url !== undefined) ? rowData : undefined;
}

/** checkTiledImagery on the row's tree, which decides and words each report. */
export function reportTiledImageryOnTree(check: RowCheck): void {
  let tiled: ObjectNode | undefined;
  if (check.dialect === 'current') {
    const rowData = check.property('row_data')?.value;
    if (rowData?.type === 'object' && (getProperty(rowData, 'tileLayerUrl') || getProperty(rowData, 'tile_layer_url'))) tiled = rowData;
  } else if (check.property('tileLayerUrl')) {
    tiled = check.node;
  }
  if (!tiled) return;

  checkKeySpelling(check, tiled);

  checkTemplate(check, tiledProperty(tiled, 'tileLayerUrl')?.value);
  const layers = tiledProperty(tiled, 'alternativeLayers')?.value;
  if (layers?.type === 'array') {
    for (const layer of layers.items) if (layer.type === 'object') checkTemplate(check, getProperty(layer, 'tileLayerUrl')?.value);
  }

  const epsgNode = getProperty(tiled, 'epsg')?.value;
  const epsg = epsgNode?.type === 'string' ? epsgNode.value : undefined;
  if (epsgNode && epsg === 'SIMPLEPIXEL') {
    check.report(
      epsgNode,
      'tile-epsg',
      'The SDK writes "SIMPLEPIXEL" but the docs spell this coordinate system "Simple"; Labelbox has not confirmed which one the web app accepts.',
    );
  }
  const version = versionOf(numberAt(getProperty(tiled, 'version')?.value), epsg);
  checkBounds(check, getProperty(tiled, 'bounds')?.value, epsg, version);
  checkZoomLevels(check, tiled);
}

function checkZoomLevels(check: RowCheck, tiled: ObjectNode): void {
  // A level that is a number has a value node: each report below has its node.
  const minZoomNode = tiledProperty(tiled, 'minZoom')?.value;
  const maxZoomNode = tiledProperty(tiled, 'maxZoom')?.value;
  const nativeNode = tiledProperty(tiled, 'maxNativeZoom')?.value;
  const minZoom = numberAt(minZoomNode);
  const maxZoom = numberAt(maxZoomNode);
  const nativeZoom = numberAt(nativeNode);
  for (const problem of zoomProblems(minZoom, maxZoom, nativeZoom)) {
    if (problem === 'max below min') check.report(maxZoomNode!, 'tile-zoom', `maxZoom (${maxZoom}) is lower than minZoom (${minZoom}).`);
    else if (problem === 'native above max')
      check.report(nativeNode!, 'tile-zoom', `maxNativeZoom (${nativeZoom}) is higher than maxZoom (${maxZoom}); the extra levels are never shown.`);
    else check.report(nativeNode!, 'tile-zoom', `maxNativeZoom (${nativeZoom}) is lower than minZoom (${minZoom}); every level shown would be upscaled.`);
  }
}

/**
 * Each spelling works on its own (the SDK writes camelCase, the current docs and an SDK test
 * use snake_case); a mix of both in one object is shown nowhere. The spelling of the tile
 * layer URL decides which keys are the odd ones out.
 */
function checkKeySpelling(check: RowCheck, tiled: ObjectNode): void {
  const snakeCase = !getProperty(tiled, 'tileLayerUrl') && getProperty(tiled, 'tile_layer_url') !== undefined;
  for (const property of tiled.properties) {
    const key = property.key.value;
    if (!isOtherSpelling(key, snakeCase)) continue;
    const isSnake = TILED_CAMEL_CASE_OF.has(key);
    const other = isSnake ? TILED_CAMEL_CASE_OF.get(key)! : SNAKE_CASE_OF.get(key)!;
    if (getProperty(tiled, other)) {
      check.reportKey(property, 'tile-key-spelling', `Both "${key}" and "${other}" are set; keep only "${other}", the spelling of the other keys here.`, {
        fixes: [{ kind: 'removeProperty', title: `Remove "${key}"` }],
      });
    } else {
      check.reportKey(
        property,
        'tile-key-spelling',
        `"${key}" is ${isSnake ? 'snake_case' : 'camelCase'}, but this object spells its tile layer URL ${snakeCase ? 'in snake_case ("tile_layer_url")' : 'in camelCase ("tileLayerUrl")'}. Labelbox documents each spelling, not a mix of both in one object: use "${other}".`,
        {
          fixes: [{ kind: 'replace', title: `Rename to "${other}"`, text: JSON.stringify(other) }],
        },
      );
    }
  }
}

function checkTemplate(check: RowCheck, node: JsonNode | undefined): void {
  if (node?.type !== 'string' || !lacksPlaceholders(node.value)) return;
  check.report(
    node,
    'tile-url-template',
    'A tile layer URL needs the placeholders /{z}/{x}/{y}, for example "https://tiles.example.com/layer/{z}/{x}/{y}.png".',
  );
}

function checkBounds(check: RowCheck, bounds: JsonNode | undefined, epsg: string | undefined, version: number): void {
  if (bounds?.type !== 'array' || bounds.items.length !== 2) return;
  const points = bounds.items.map((point) =>
    point.type === 'array' && point.items.length === 2 && point.items.every((item) => item.type === 'number')
      ? point.items.map((item) => (item as { value: number }).value)
      : undefined,
  );
  const [first, second] = points;
  if (!first || !second) return; // the schema reports the shape
  const problem = boundsProblem(first, second, epsg, version);
  if (problem === 'empty') {
    check.report(bounds, 'tile-bounds', 'The two corners of the bounds share an x or a y value, so the area is empty. Give two opposite corners.');
  } else if (problem === 'out of range') {
    const latIndex = latitudeIndex(version);
    const swappedFits = (point: number[]) => Math.abs(point[1 - latIndex]) <= 90 && Math.abs(point[latIndex]) <= 180;
    const order = version === 2 ? '[longitude, latitude]' : '[latitude, longitude]';
    const hint =
      swappedFits(first) && swappedFits(second)
        ? ` The numbers look like ${version === 2 ? '[latitude, longitude]' : '[longitude, latitude]'}: ${version === 2 ? 'remove "version": 2' : 'set "version": 2'} or swap them.`
        : '';
    check.report(
      bounds,
      'tile-bounds',
      `With EPSG4326 and version ${version}, each corner is ${order}; latitudes must be within ±90 and longitudes within ±180.${hint}`,
    );
  }
}
