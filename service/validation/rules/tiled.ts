import type { JsonNode, ObjectNode, PropertyNode } from '../../json/ast';
import { getProperty } from '../../json/ast';
import { tableOf } from '../../../common/ownKeys';
import { NO_OFFSET } from '../../json/valueNodes';
import type { RowCheck } from '../rowCheck';
import { fieldsOf, type ParsedFields } from './parsedFields';

/** snake_case spellings (current docs) of the tiled imagery keys (camelCase in the SDK's helper). */
export const TILED_CAMEL_CASE_OF = tableOf({
  tile_layer_url: 'tileLayerUrl',
  min_zoom: 'minZoom',
  max_zoom: 'maxZoom',
  max_native_zoom: 'maxNativeZoom',
  tile_size: 'tileSize',
  alternative_layers: 'alternativeLayers',
});

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
  // Most rows are not tiled imagery: that is read from the plain value, without making nodes.
  if (mayBeTiled(check)) reportTiledImageryOnTree(check);
}

/**
 * False only when reportTiledImageryOnTree finds no tiled imagery. Read from the plain value
 * when the tree was made over it; a tree from the tolerant parser can have a tile layer key
 * without a value, which the value leaves out, so there the tree decides.
 */
function mayBeTiled(check: RowCheck): boolean {
  if (check.node.offset !== NO_OFFSET) return true;
  const row = check.value as ParsedFields;
  if (check.dialect === 'legacy') return row.tileLayerUrl !== undefined;
  const rowData = fieldsOf(row.row_data);
  return rowData !== undefined && (rowData.tileLayerUrl !== undefined || rowData.tile_layer_url !== undefined);
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
  const version = numberAt(getProperty(tiled, 'version')?.value) ?? (epsg === 'Simple' || epsg === 'SIMPLEPIXEL' ? 2 : 1);
  checkBounds(check, getProperty(tiled, 'bounds')?.value, epsg, version);

  const minZoomProperty = tiledProperty(tiled, 'minZoom');
  const maxZoomProperty = tiledProperty(tiled, 'maxZoom');
  const nativeProperty = tiledProperty(tiled, 'maxNativeZoom');
  const minZoom = numberAt(minZoomProperty?.value);
  const maxZoom = numberAt(maxZoomProperty?.value);
  const nativeZoom = numberAt(nativeProperty?.value);
  if (minZoom !== undefined && maxZoom !== undefined && maxZoomProperty?.value && maxZoom < minZoom) {
    check.report(maxZoomProperty.value, 'tile-zoom', `maxZoom (${maxZoom}) is lower than minZoom (${minZoom}).`);
  }
  if (nativeZoom !== undefined && nativeProperty?.value) {
    if (maxZoom !== undefined && nativeZoom > maxZoom) {
      check.report(nativeProperty.value, 'tile-zoom', `maxNativeZoom (${nativeZoom}) is higher than maxZoom (${maxZoom}); the extra levels are never shown.`);
    } else if (minZoom !== undefined && nativeZoom < minZoom) {
      check.report(nativeProperty.value, 'tile-zoom', `maxNativeZoom (${nativeZoom}) is lower than minZoom (${minZoom}); every level shown would be upscaled.`);
    }
  }
}

const SNAKE_CASE_OF: ReadonlyMap<string, string> = new Map([...TILED_CAMEL_CASE_OF].map(([snake, camel]) => [camel, snake]));

/**
 * Each spelling works on its own (the SDK writes camelCase, the current docs and an SDK test
 * use snake_case); a mix of both in one object is shown nowhere. The spelling of the tile
 * layer URL decides which keys are the odd ones out.
 */
function checkKeySpelling(check: RowCheck, tiled: ObjectNode): void {
  const snakeCase = !getProperty(tiled, 'tileLayerUrl') && getProperty(tiled, 'tile_layer_url') !== undefined;
  for (const property of tiled.properties) {
    const key = property.key.value;
    const isSnake = TILED_CAMEL_CASE_OF.has(key);
    const isCamel = SNAKE_CASE_OF.has(key);
    if ((!isSnake && !isCamel) || isSnake === snakeCase) continue;
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
  if (node?.type !== 'string' || !node.value) return;
  if (!node.value.includes('/{z}/{x}/{y}')) {
    check.report(
      node,
      'tile-url-template',
      'A tile layer URL needs the placeholders /{z}/{x}/{y}, for example "https://tiles.example.com/layer/{z}/{x}/{y}.png".',
    );
  }
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
  if (first[0] === second[0] || first[1] === second[1]) {
    check.report(bounds, 'tile-bounds', 'The two corners of the bounds share an x or a y value, so the area is empty. Give two opposite corners.');
    return;
  }
  if (epsg !== 'EPSG4326') return;
  // Version 2 reads [lng, lat]; version 1 (the default for EPSG maps) reads [lat, lng].
  const latIndex = version === 2 ? 1 : 0;
  const outOfRange = (point: number[]) => Math.abs(point[latIndex]) > 90 || Math.abs(point[1 - latIndex]) > 180;
  const swappedFits = (point: number[]) => Math.abs(point[1 - latIndex]) <= 90 && Math.abs(point[latIndex]) <= 180;
  if (outOfRange(first) || outOfRange(second)) {
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
