import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNoProblem, expectProblem, expectProblemCount, marked } from './helpers/markedDocument';

/** Tiled imagery: tile-url-template, tile-bounds, tile-zoom, tile-epsg, tile-key-spelling. */

const TEMPLATE = 'https://tiles.example-lab.org/city/{z}/{x}/{y}.png';
const tiled = (body: string, mediaType = 'TMS_GEO') => `[\n  { "row_data": { ${body} }, "global_key": "maps/a", "media_type": "${mediaType}" }\n]`;

test('a complete tiled imagery row (docs/import-format.md) has no problems', () => {
  const doc = marked(
    tiled(
      `"tileLayerUrl": "${TEMPLATE}", "bounds": [[-99.2105, 19.4056], [-99.2053, 19.4005]], "minZoom": 12, "maxZoom": 20, "maxNativeZoom": 19, "epsg": "EPSG4326", "tileSize": 256, "version": 2, "alternativeLayers": [{ "tileLayerUrl": "https://tiles.example-lab.org/city-sat/{z}/{x}/{y}.jpg", "name": "Satellite" }]`,
    ),
  );
  assert.deepEqual(doc.diagnostics, []);
});

test('tile-url-template: a URL without /{z}/{x}/{y}, in the layer and in alternative layers', () => {
  const doc = marked(
    tiled(
      `"tileLayerUrl": ⟦"https://tiles.example-lab.org/city/{z}/{y}/{x}.png"⟧, "alternativeLayers": [{ "tileLayerUrl": ⟦"https://tiles.example-lab.org/sat.png"⟧, "name": "Satellite" }]`,
    ),
  );
  expectProblem(doc, 'tile-url-template', { range: 0, severity: 'error', message: 'A tile layer URL needs the placeholders /{z}/{x}/{y}' });
  expectProblem(doc, 'tile-url-template', { range: 1 });
});

test('tile-url-template: legacy top-level tileLayerUrl is checked too', () => {
  const doc = marked(
    `[\n  { "externalId": "parcels", "tileLayerUrl": ⟦"https://tiles.example-maps.com/parcels.png"⟧ },\n  { "externalId": "ok", "tileLayerUrl": "${TEMPLATE}" }\n]`,
  );
  expectProblem(doc, 'tile-url-template', { range: 0 });
  expectProblemCount(doc, 'tile-url-template', 1);
});

test('tile-url-template: templates with /{z}/{x}/{y} are fine, with or without an extension or query', () => {
  const doc = marked(
    tiled(
      `"tileLayerUrl": "https://tiles.example-lab.org/city/{z}/{x}/{y}?key=abc", "alternativeLayers": [{ "tileLayerUrl": "https://tiles.example-lab.org/sat/{z}/{x}/{y}", "name": "Satellite" }]`,
    ),
  );
  expectNoProblem(doc, 'tile-url-template');
});

test('a tiled object without tileLayerUrl is a missing property naming both spellings, not a missing asset', () => {
  const doc = marked(tiled(`"bounds": [[19.4, -99.2], [19.5, -99.1]], "epsg": "EPSG4326"`).replace('"row_data"', '⟦"row_data"⟧'));
  // The docs require it, but the SDK does not look inside row_data: a warning.
  expectProblem(doc, 'missing-property', { range: 0, severity: 'warning', message: 'This tiled imagery needs "tileLayerUrl" or "tile_layer_url".' });
  expectNoProblem(doc, 'missing-asset');
});

test('an alternative layer without tileLayerUrl is a missing property', () => {
  const doc = marked(tiled(`"tileLayerUrl": "${TEMPLATE}", "alternativeLayers": [⟦{⟧ "name": "Satellite" }]`));
  expectProblem(doc, 'missing-property', { range: 0, message: 'Missing property "tileLayerUrl" in this alternative layer.' });
  expectNoProblem(doc, 'missing-asset');
});

test('tile-bounds: EPSG4326 version 1 reads [lat, lng]; numbers that only fit swapped get a hint', () => {
  const doc = marked(tiled(`"tileLayerUrl": "${TEMPLATE}", "bounds": ⟦[[-99.2105, 19.4056], [-99.2053, 19.4005]]⟧, "epsg": "EPSG4326"`));
  expectProblem(doc, 'tile-bounds', {
    range: 0,
    severity: 'warning',
    message: /version 1, each corner is \[latitude, longitude\].*set "version": 2 or swap them/,
  });
});

test('tile-bounds: version 2 reads [lng, lat]', () => {
  const doc = marked(tiled(`"tileLayerUrl": "${TEMPLATE}", "bounds": ⟦[[19.4056, -99.2105], [19.4005, -99.2053]]⟧, "epsg": "EPSG4326", "version": 2`));
  expectProblem(doc, 'tile-bounds', { range: 0, message: /version 2, each corner is \[longitude, latitude\].*remove "version": 2 or swap them/ });
});

test('tile-bounds: corners sharing an x or y make an empty area', () => {
  const doc = marked(tiled(`"tileLayerUrl": "${TEMPLATE}", "bounds": ⟦[[0, 0], [0, 512]]⟧, "epsg": "Simple"`, 'TMS_SIMPLE'));
  expectProblem(doc, 'tile-bounds', { range: 0, message: 'share an x or a y value' });
});

test('tile-bounds: in-range geographic bounds and pixel bounds are fine', () => {
  const doc = marked(`[
  { "row_data": { "tileLayerUrl": "${TEMPLATE}", "bounds": [[37.8727, -122.3176], [37.8739, -122.3163]], "epsg": "EPSG4326" }, "global_key": "a", "media_type": "TMS_GEO" },
  { "row_data": { "tileLayerUrl": "${TEMPLATE}", "bounds": [[0, 0], [4096, 3072]], "epsg": "Simple" }, "global_key": "b", "media_type": "TMS_SIMPLE" }
]`);
  expectNoProblem(doc, 'tile-bounds');
});

test('tile-zoom: maxZoom below minZoom, and maxNativeZoom outside [minZoom, maxZoom]', () => {
  const doc = marked(tiled(`"tileLayerUrl": "${TEMPLATE}", "minZoom": 15, "maxZoom": ⟦12⟧`));
  expectProblem(doc, 'tile-zoom', { range: 0, severity: 'warning', message: 'maxZoom (12) is lower than minZoom (15).' });
  const native = marked(tiled(`"tileLayerUrl": "${TEMPLATE}", "minZoom": 5, "maxZoom": 18, "maxNativeZoom": ⟦20⟧`));
  expectProblem(native, 'tile-zoom', { range: 0, message: 'maxNativeZoom (20) is higher than maxZoom (18)' });
  const low = marked(tiled(`"tileLayerUrl": "${TEMPLATE}", "minZoom": 5, "maxZoom": 18, "maxNativeZoom": ⟦3⟧`));
  expectProblem(low, 'tile-zoom', { range: 0, message: 'maxNativeZoom (3) is lower than minZoom (5)' });
});

test('tile-zoom: zoom levels in order are fine, also in snake_case', () => {
  expectNoProblem(marked(tiled(`"tileLayerUrl": "${TEMPLATE}", "minZoom": 12, "maxZoom": 20, "maxNativeZoom": 19`)), 'tile-zoom');
  const snake = marked(tiled(`"tile_layer_url": "${TEMPLATE}", "min_zoom": 12, "max_zoom": ⟦10⟧`));
  expectProblem(snake, 'tile-zoom', { range: 0, message: 'maxZoom (10) is lower than minZoom (12)' });
});

test('tile-epsg: SIMPLEPIXEL (the SDK spelling) is a warning; Simple is fine', () => {
  const doc = marked(tiled(`"tileLayerUrl": "${TEMPLATE}", "epsg": ⟦"SIMPLEPIXEL"⟧`, 'TMS_SIMPLE'));
  expectProblem(doc, 'tile-epsg', {
    range: 0,
    severity: 'warning',
    message: 'The SDK writes "SIMPLEPIXEL" but the docs spell this coordinate system "Simple"',
  });
  expectNoProblem(marked(tiled(`"tileLayerUrl": "${TEMPLATE}", "epsg": "Simple"`, 'TMS_SIMPLE')), 'tile-epsg');
});

test('tile-key-spelling: a mix of both spellings in one object, and both spellings of one key', () => {
  const doc = marked(tiled(`"tile_layer_url": "${TEMPLATE}", ⟦"maxZoom"⟧: 5, ⟦"minZoom"⟧: 3, "min_zoom": 3`));
  const mixed = expectProblem(doc, 'tile-key-spelling', {
    range: 0,
    severity: 'warning',
    message:
      '"maxZoom" is camelCase, but this object spells its tile layer URL in snake_case ("tile_layer_url"). Labelbox documents each spelling, not a mix of both in one object: use "max_zoom".',
  });
  assert.deepEqual(mixed.fixes?.[0], { kind: 'replace', title: 'Rename to "max_zoom"', text: '"max_zoom"' });
  const both = expectProblem(doc, 'tile-key-spelling', {
    range: 1,
    message: 'Both "minZoom" and "min_zoom" are set; keep only "min_zoom", the spelling of the other keys here.',
  });
  assert.deepEqual(both.fixes?.[0], { kind: 'removeProperty', title: 'Remove "minZoom"' });
  expectProblemCount(doc, 'tile-key-spelling', 2);
});

test("tile-key-spelling: camelCase keys are fine, and so are snake_case keys (the current docs' spelling)", () => {
  expectNoProblem(marked(tiled(`"tileLayerUrl": "${TEMPLATE}", "minZoom": 3, "maxZoom": 5, "tileSize": 512`)), 'tile-key-spelling');
  const snake = marked(tiled(`"tile_layer_url": "${TEMPLATE}", "bounds": [[19.4, -99.2], [19.5, -99.1]], "min_zoom": 12, "max_zoom": 20, "epsg": "EPSG4326"`));
  assert.deepEqual(snake.diagnostics, []);
});

test("maxNativeZoom may be null, as the SDK's TiledImageData.asdict() writes it", () => {
  const doc = marked(
    tiled(
      `"tileLayerUrl": "${TEMPLATE}", "bounds": [[-99.21, 19.40], [-99.20, 19.39]], "minZoom": 17, "maxZoom": 23, "maxNativeZoom": null, "epsg": "EPSG4326", "tileSize": 256, "alternativeLayers": [], "version": 2`,
    ),
  );
  assert.deepEqual(doc.diagnostics, []);
});

test('legacy top-level tiled rows (docs/import-format.md) are checked like row_data objects', () => {
  const doc = marked(
    `[\n  { "externalId": "parcel-map-7", "tileLayerUrl": "${TEMPLATE}", "bounds": [[37.8727, -122.3176], [37.8739, -122.3163]], "minZoom": 15, "maxZoom": ⟦14⟧, "epsg": "EPSG4326" }\n]`,
  );
  expectProblem(doc, 'tile-zoom', { range: 0 });
  expectNoProblem(doc, 'tile-bounds');
});
