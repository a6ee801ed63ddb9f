import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createValidationContext } from '../../service';
import type { JsonValue, ObjectNode } from '../../service/json/ast';
import { nodeOfValue } from '../../service/json/valueNodes';
import { detectDialect } from '../../service/validation/dialect';
import { RowCheck } from '../../service/validation/rowCheck';
import { tiledImageryIsClean } from '../../service/validation/rules/cleanTiled';
import { checkTiledImagery, reportTiledImageryOnTree } from '../../service/validation/rules/tiled';
import { generateImportFile } from '../../bench/generateRows';

/**
 * checkTiledImagery answers tiled imagery with nothing to report from the row's plain value
 * (cleanTiled.ts) and goes to the tree only otherwise. Clean objects, in both spellings and
 * both dialects, are changed one thing at a time through every condition the tree code
 * reports on: the rule and its tree code must report the same, and the plain-value read must
 * call clean exactly the objects the tree finds nothing on.
 */

type Row = { [key: string]: JsonValue };
const context = createValidationContext();
const TEMPLATE = 'https://tiles.example-lab.org/city/{z}/{x}/{y}.png';
const SATELLITE = 'https://tiles.example-lab.org/city-sat/{z}/{x}/{y}.jpg';

const CAMEL: Row = {
  tileLayerUrl: TEMPLATE,
  bounds: [
    [19.4056, -99.2105],
    [19.4005, -99.2053],
  ],
  minZoom: 12,
  maxZoom: 20,
  maxNativeZoom: 19,
  epsg: 'EPSG4326',
  tileSize: 256,
  alternativeLayers: [{ tileLayerUrl: SATELLITE, name: 'Satellite' }],
};
const SNAKE: Row = {
  tile_layer_url: TEMPLATE,
  bounds: CAMEL.bounds,
  min_zoom: 12,
  max_zoom: 20,
  max_native_zoom: 19,
  epsg: 'EPSG4326',
  tile_size: 256,
  alternative_layers: [{ tileLayerUrl: SATELLITE, name: 'Satellite' }],
};

const ZOOMS: JsonValue[] = [3, 12, 19, 20, 25, 12.5, '12', null];
const VALUES_OF: Array<[keys: string[], values: JsonValue[]]> = [
  [
    ['tileLayerUrl', 'tile_layer_url'],
    [TEMPLATE, 'https://tiles.example-lab.org/city.png', 'https://a/{z}/{y}/{x}.png', '', null, 5],
  ],
  [['minZoom', 'min_zoom', 'maxZoom', 'max_zoom', 'maxNativeZoom', 'max_native_zoom'], ZOOMS],
  [['epsg'], ['EPSG4326', 'EPSG3857', 'Simple', 'SIMPLEPIXEL', 'epsg4326', 5, null]],
  [['version'], [1, 2, 3, '2', null]],
  [
    ['bounds'],
    [
      [
        [-99.2105, 19.4056],
        [-99.2053, 19.4005],
      ],
      [
        [91, 10],
        [80, 11],
      ],
      [
        [10, 181],
        [11, 170],
      ],
      [
        [1, 1],
        [1, 2],
      ],
      [
        [1, 1],
        [2, 1],
      ],
      [
        [0, 0],
        [1000, 800],
      ],
      [[1, 2]],
      [
        [1, 2, 3],
        [4, 5],
      ],
      [
        [1, 'x'],
        [3, 4],
      ],
      'no',
      null,
    ],
  ],
  [
    ['alternativeLayers', 'alternative_layers'],
    [[], [{ tileLayerUrl: 'https://a/sat.png' }], [{ tile_layer_url: 'https://a/sat.png' }], [null, 'x', { tileLayerUrl: 5 }], 'x', null],
  ],
  [
    ['tileSize', 'tile_size'],
    [256, 'x'],
  ],
];

/** The clean objects, and each changed in one key (set, or left out). */
function variants(): Row[] {
  const rows: Row[] = [];
  for (const base of [CAMEL, SNAKE]) {
    rows.push(base);
    for (const [keys, values] of VALUES_OF) {
      for (const key of keys) {
        for (const value of values) rows.push({ ...base, [key]: value });
        rows.push(Object.fromEntries(Object.entries(base).filter(([other]) => other !== key)));
      }
    }
    // Zoom levels against each other, in the base's own spelling.
    const [min, max, native] = base === CAMEL ? ['minZoom', 'maxZoom', 'maxNativeZoom'] : ['min_zoom', 'max_zoom', 'max_native_zoom'];
    for (const a of ZOOMS)
      for (const b of ZOOMS) for (const c of [...ZOOMS, undefined]) rows.push({ ...base, [min]: a, [max]: b, ...(c === undefined ? {} : { [native]: c }) });
    // Bounds against the version and the coordinate system.
    for (const bounds of VALUES_OF[4][1])
      for (const version of [1, 2, undefined])
        for (const epsg of ['EPSG4326', 'Simple', 'SIMPLEPIXEL', undefined])
          rows.push({ ...base, bounds, ...(version === undefined ? {} : { version }), ...(epsg === undefined ? {} : { epsg }) });
  }
  return rows;
}

function checkOn(row: Row): RowCheck {
  const node = nodeOfValue(row) as ObjectNode;
  return new RowCheck(node, row, detectDialect(node), context);
}

/** A current row with the object as row_data, and a legacy row with its keys at the top when it spells its URL in camelCase. */
function rowsOf(tiled: Row): Row[] {
  const rows: Row[] = [{ row_data: tiled, global_key: 'maps/a', media_type: 'TMS_GEO' }];
  if (tiled.tileLayerUrl !== undefined) rows.push({ externalId: 'maps/a', ...tiled });
  return rows;
}

test('tiled imagery: the rule reports what its tree code reports, and reads from the plain value exactly the objects with nothing to report', () => {
  let clean = 0;
  let reported = 0;
  for (const tiled of variants()) {
    for (const row of rowsOf(tiled)) {
      const gated = checkOn(row);
      checkTiledImagery(gated);
      const onTree = checkOn(row);
      reportTiledImageryOnTree(onTree);
      const about = JSON.stringify(row);
      assert.deepEqual(gated.diagnostics, onTree.diagnostics, about);
      // Without a tile layer URL the object is not tiled imagery, and the plain-value read is not asked.
      const isTiled = tiled.tileLayerUrl !== undefined || tiled.tile_layer_url !== undefined;
      if (isTiled) assert.equal(tiledImageryIsClean(Object.hasOwn(row, 'row_data') ? tiled : row), onTree.diagnostics.length === 0, about);
      if (onTree.diagnostics.length) reported++;
      else clean++;
    }
  }
  assert.ok(clean > 300 && reported > 300, `clean ${clean}, reported ${reported}`);
});

test('the tiled imagery rows of a generated file are answered from their plain values', () => {
  const rows = (JSON.parse(generateImportFile(3000, 4, 1_000_000).text) as Row[]).filter((row) => row.media_type === 'TMS_GEO');
  assert.ok(rows.length > 50, `${rows.length} tiled rows`);
  for (const row of rows) assert.equal(tiledImageryIsClean(row.row_data as Row), true, JSON.stringify(row));
});
