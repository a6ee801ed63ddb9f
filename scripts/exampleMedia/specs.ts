/**
 * What the painters of paint.ts draw, shared by the page that draws (paint.ts, with the DOM)
 * and the script that asks (makeExampleMedia.ts, in Node).
 */

export type Crop = 'wheat' | 'barley' | 'maize' | 'sunflower' | 'orchard';

export type Scene =
  /** A crop field seen from the edge, rows running to the horizon. */
  | { kind: 'field'; crop: Crop; seed: number; young?: boolean; blossom?: boolean; shadow?: boolean; lodging?: boolean; damage?: boolean }
  /** Maize rows seen from straight above. */
  | { kind: 'rows'; seed: number; angle: number }
  /** A drone frame over a patchwork of fields; `shift` pans the camera (consecutive frames). */
  | { kind: 'drone'; seed: number; shift: number }
  /** A street, drawn as the ten classes its mask layers show (see `mask`). */
  | { kind: 'street'; seed: number; weather: 'day' | 'dusk' | 'rain' | 'fog' }
  /** A flight route over the orchard blocks. */
  | { kind: 'route' };

export type Overlay =
  /** A false-colour vegetation index of a field scene, from its pixels. */
  | { kind: 'ndvi'; of: Scene }
  /** Soil moisture in blue bands. */
  | { kind: 'moisture'; seed: number }
  /**
   * One class of a street scene, in its colour. Layers, 1-based: sky, building, window, road,
   * sidewalk, lane marking, car, person, vegetation, traffic sign.
   */
  | { kind: 'mask'; of: Extract<Scene, { kind: 'street' }>; layer: number };

export type TileStyle = 'city' | 'city-sat' | 'parcels';
export type Animation = 'walkthrough' | 'flyover' | 'intersection' | 'intersection-b';

export interface Output {
  width: number;
  height: number;
  format: 'png' | 'jpeg';
  quality?: number;
}
