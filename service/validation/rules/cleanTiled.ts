import type { JsonValue } from '../../json/ast';
import { isParsedObject, type ParsedFields } from './parsedFields';
import { boundsProblem, isOtherSpelling, lacksPlaceholders, versionOf, zoomProblems } from './tiledConditions';

/**
 * Whether reportTiledImageryOnTree certainly reports nothing on a tiled imagery object (a
 * row's row_data, or a legacy row), read from its plain value without making nodes: most
 * tiled rows are right, and their tree costs more than the rest of their check. Reads what the
 * tree code reads, where it reads it, and decides with the same conditions (tiledConditions.ts).
 */
export function tiledImageryIsClean(tiled: ParsedFields): boolean {
  const snakeCase = tiled.tileLayerUrl === undefined && tiled.tile_layer_url !== undefined;
  for (const key of Object.keys(tiled)) if (isOtherSpelling(key, snakeCase)) return false;
  if (!templateIsClean(either(tiled.tileLayerUrl, tiled.tile_layer_url))) return false;
  const layers = either(tiled.alternativeLayers, tiled.alternative_layers);
  if (Array.isArray(layers)) {
    for (const layer of layers) if (isParsedObject(layer) && !templateIsClean((layer as ParsedFields).tileLayerUrl)) return false;
  }
  const epsg = typeof tiled.epsg === 'string' ? tiled.epsg : undefined;
  if (epsg === 'SIMPLEPIXEL') return false;
  if (!boundsAreClean(tiled.bounds, epsg, versionOf(numberOf(tiled.version), epsg))) return false;
  const minZoom = numberOf(either(tiled.minZoom, tiled.min_zoom));
  const maxZoom = numberOf(either(tiled.maxZoom, tiled.max_zoom));
  return zoomProblems(minZoom, maxZoom, numberOf(either(tiled.maxNativeZoom, tiled.max_native_zoom))).length === 0;
}

/** A key in either spelling, as the tree code reads it: camelCase wins when both are there, whatever its value. */
function either(camelCase: JsonValue | undefined, snakeCase: JsonValue | undefined): JsonValue | undefined {
  return camelCase !== undefined ? camelCase : snakeCase;
}

function numberOf(value: JsonValue | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function templateIsClean(template: JsonValue | undefined): boolean {
  return typeof template !== 'string' || !lacksPlaceholders(template);
}

/** Bounds of another shape are the schema's to report. */
function boundsAreClean(bounds: JsonValue | undefined, epsg: string | undefined, version: number): boolean {
  if (!Array.isArray(bounds) || bounds.length !== 2) return true;
  const first = pointOf(bounds[0]);
  const second = pointOf(bounds[1]);
  return !first || !second || boundsProblem(first, second, epsg, version) === undefined;
}

function pointOf(value: JsonValue): readonly number[] | undefined {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number' ? (value as number[]) : undefined;
}
