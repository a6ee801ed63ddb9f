import { tableOf } from '../../../common/ownKeys';

/**
 * What makes tiled imagery wrong, decided on plain strings and numbers: shared by the rule's
 * tree code (tiled.ts), which words each report, and the read of a row's plain value
 * (cleanTiled.ts), which answers the rows with nothing to report without making nodes.
 */

/** snake_case spellings (current docs) of the tiled imagery keys (camelCase in the SDK's helper). */
export const TILED_CAMEL_CASE_OF = tableOf({
  tile_layer_url: 'tileLayerUrl',
  min_zoom: 'minZoom',
  max_zoom: 'maxZoom',
  max_native_zoom: 'maxNativeZoom',
  tile_size: 'tileSize',
  alternative_layers: 'alternativeLayers',
});

export const SNAKE_CASE_OF: ReadonlyMap<string, string> = new Map([...TILED_CAMEL_CASE_OF].map(([snake, camel]) => [camel, snake]));

/** Whether `key` is a tiled imagery key in the spelling the object does not use (snake_case when it spells its URL in camelCase, and the reverse). */
export function isOtherSpelling(key: string, snakeCase: boolean): boolean {
  const isSnake = TILED_CAMEL_CASE_OF.has(key);
  return (isSnake || SNAKE_CASE_OF.has(key)) && isSnake !== snakeCase;
}

/** A tile layer URL template without the placeholders Leaflet fills in (an empty one is the schema's to report). */
export function lacksPlaceholders(template: string): boolean {
  return template !== '' && !template.includes('/{z}/{x}/{y}');
}

/** The version the bounds are read with: given, or 2 for the pixel coordinate systems and 1 for the others. */
export function versionOf(version: number | undefined, epsg: string | undefined): number {
  return version ?? (epsg === 'Simple' || epsg === 'SIMPLEPIXEL' ? 2 : 1);
}

export type BoundsProblem = 'empty' | 'out of range';

/** What is wrong with two corners of the bounds, if anything: they share an x or y (no area), or with EPSG4326 they are not latitudes and longitudes. */
export function boundsProblem(first: readonly number[], second: readonly number[], epsg: string | undefined, version: number): BoundsProblem | undefined {
  if (first[0] === second[0] || first[1] === second[1]) return 'empty';
  if (epsg !== 'EPSG4326') return undefined;
  return isOutOfRange(first, version) || isOutOfRange(second, version) ? 'out of range' : undefined;
}

/** Version 2 reads [lng, lat]; version 1 (the default for EPSG maps) reads [lat, lng]. */
export function latitudeIndex(version: number): number {
  return version === 2 ? 1 : 0;
}

function isOutOfRange(point: readonly number[], version: number): boolean {
  const latIndex = latitudeIndex(version);
  return Math.abs(point[latIndex]) > 90 || Math.abs(point[1 - latIndex]) > 180;
}

export type ZoomProblem = 'max below min' | 'native above max' | 'native below min';

/** What is wrong with the zoom levels, if anything (each absent when not a number). */
export function zoomProblems(minZoom: number | undefined, maxZoom: number | undefined, nativeZoom: number | undefined): ZoomProblem[] {
  const problems: ZoomProblem[] = [];
  if (minZoom !== undefined && maxZoom !== undefined && maxZoom < minZoom) problems.push('max below min');
  if (nativeZoom !== undefined) {
    if (maxZoom !== undefined && nativeZoom > maxZoom) problems.push('native above max');
    else if (minZoom !== undefined && nativeZoom < minZoom) problems.push('native below min');
  }
  return problems;
}
