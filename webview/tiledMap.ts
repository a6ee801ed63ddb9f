/**
 * Tiled imagery on a Leaflet map: the tile layer inside its bounds and zoom range, and the
 * alternative layers in a select of our own (Leaflet's layer control writes names as HTML).
 */
import * as L from 'leaflet';
import type { TiledModel } from '../common/preview/rowModel';
import { h } from './dom';
import { unavailable, type ViewContext } from './media';

const CRS = { EPSG3857: L.CRS.EPSG3857, EPSG3395: L.CRS.EPSG3395, Simple: L.CRS.Simple };

export function tiledView(model: TiledModel, context: ViewContext): { element: HTMLElement; attached: () => void; dispose: () => void } {
  const layers = model.layers.map((layer) => ({ ...layer, resource: context.resource(layer.url) }));
  const first = layers.findIndex((layer) => layer.resource.src);
  if (first < 0) {
    const main = layers[0];
    return {
      element: unavailable(main.url, main.resource.blocked ?? 'The tile layer is not loaded.', main.resource, context),
      attached: () => undefined,
      dispose: () => undefined,
    };
  }
  const mapElement = h('div', { class: 'map', 'data-testid': 'tile-map', role: 'region', 'aria-label': 'Map of the tile layer' });
  const select = layerPicker(layers, first);
  const status = h('p', { class: 'note', role: 'status', 'data-testid': 'tile-status' });
  const element = h(
    'div',
    { class: 'tiled' },
    h('div', { class: 'map-toolbar' }, h('label', { for: 'tile-layer-select' }, 'Layer'), select, h('span', { class: 'map-facts' }, mapFacts(model))),
    mapElement,
    status,
  );

  let map: L.Map | undefined;
  let current: L.TileLayer | undefined;
  const bounds = model.bounds ? L.latLngBounds(model.bounds) : undefined;

  const useLayer = (position: number) => {
    const layer = layers[position];
    if (!map || !layer?.resource.src) return;
    if (current) map.removeLayer(current);
    let loaded = 0;
    let failed = 0;
    status.textContent = '';
    try {
      current = tileLayerOf(model, layer.resource.src, bounds);
    } catch (error) {
      status.textContent = `The tile layer URL cannot be used: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    current.on('tileload', () => loaded++);
    current.on('tileerror', () => {
      failed++;
      if (!loaded && failed >= 4) status.textContent = `Tiles could not be loaded. ${layer.resource.failHint ?? ''}`;
    });
    current.addTo(map);
    element.dataset.layer = String(position);
  };

  select.addEventListener('change', () => useLayer(Number(select.value)));

  return {
    element,
    attached: () => {
      if (map) return;
      try {
        map = L.map(mapElement, {
          crs: CRS[model.crs],
          attributionControl: false,
          minZoom: model.minZoom,
          maxZoom: model.maxZoom ?? 22,
          maxBounds: bounds?.pad(0.25),
          maxBoundsViscosity: 0.8,
        });
        useLayer(first);
        if (bounds) map.fitBounds(bounds);
        else map.setView([0, 0], model.minZoom ?? 0);
      } catch (error) {
        // Numbers from the file that the map library cannot place: say so instead of failing the page.
        status.textContent = `The map cannot be shown with these bounds and zoom levels: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
    dispose: () => {
      map?.remove();
      map = undefined;
    },
  };
}

/** Leaflet's tile layer for a vetted URL template, within the model's bounds and zoom range. */
function tileLayerOf(model: TiledModel, src: string, bounds: L.LatLngBounds | undefined): L.TileLayer {
  return L.tileLayer(src, {
    bounds,
    minZoom: model.minZoom,
    maxZoom: model.maxZoom ?? 22,
    maxNativeZoom: model.maxNativeZoom,
    tileSize: model.tileSize ?? 256,
    noWrap: true,
    referrerPolicy: 'no-referrer',
  });
}

/** The select of the layers (Leaflet's layer control writes names as HTML); one that is not loaded is shown, disabled, with why. */
function layerPicker(layers: ReadonlyArray<{ name: string; resource: { src?: string; blocked?: string } }>, first: number): HTMLSelectElement {
  const select = h('select', { id: 'tile-layer-select', 'data-testid': 'layer-select' });
  layers.forEach((layer, position) => {
    const option = h(
      'option',
      { value: position, disabled: !layer.resource.src },
      layer.resource.src ? layer.name : `${layer.name} (not loaded: ${layer.resource.blocked ?? ''})`,
    );
    select.appendChild(option);
  });
  select.value = String(first);
  return select;
}

/** The zoom range, projection and bounds of the imagery, in one line. */
function mapFacts(model: TiledModel): string {
  const facts: string[] = [];
  if (model.minZoom !== undefined || model.maxZoom !== undefined) facts.push(`zoom ${model.minZoom ?? '…'}–${model.maxZoom ?? '…'}`);
  if (model.maxNativeZoom !== undefined) facts.push(`native up to ${model.maxNativeZoom}`);
  if (model.epsg) facts.push(model.epsg);
  if (model.bounds) facts.push(`bounds ${model.bounds.map((point) => `[${point.join(', ')}]`).join(' – ')}`);
  return facts.join(' · ');
}
