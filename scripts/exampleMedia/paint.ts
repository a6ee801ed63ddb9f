/**
 * Canvas painters for the example media. They run in Chromium: scripts/makeExampleMedia.ts
 * bundles this file with esbuild and loads it into a blank page (type-checked with the DOM
 * library by webview/tsconfig.json). Everything is drawn from flat shapes and a seeded
 * random generator, so the pictures come out the same on every run (the videos, recorded in
 * real time, nearly so) and look plainly synthetic.
 */

import type { Animation, Crop, Output, Overlay, Scene, TileStyle } from './specs';
import { Random as SeededRandom } from '../../bench/random';

/** Colours of the classes, after the Cityscapes palette, so the layers look like the segmentation masks they stand for. */
const MASK_COLOURS = ['#4682b4', '#464646', '#66669c', '#804080', '#f423e8', '#ffffff', '#00008e', '#dc143c', '#6b8e23', '#dcdc00'];

type Ctx = CanvasRenderingContext2D;
type Random = () => number;

/** The bench's seeded generator (mulberry32), as a function. */
function random(seed: number): Random {
  const generator = new SeededRandom(seed);
  return () => generator.next();
}

function canvas(width: number, height: number): { element: HTMLCanvasElement; ctx: Ctx } {
  const element = document.createElement('canvas');
  element.width = width;
  element.height = height;
  const ctx = element.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  return { element, ctx };
}

function encode(element: HTMLCanvasElement, output: Output): string {
  return element.toDataURL(`image/${output.format}`, output.quality).replace(/^data:[^,]+,/, '');
}

function circle(ctx: Ctx, x: number, y: number, r: number, fill: string): void {
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.arc(x, y, Math.max(r, 0.2), 0, Math.PI * 2);
  ctx.fill();
}

function roundRect(ctx: Ctx, x: number, y: number, w: number, h: number, r: number, fill: string): void {
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
  ctx.fill();
}

function polygon(ctx: Ctx, points: Array<[number, number]>, fill: string): void {
  ctx.fillStyle = fill;
  ctx.beginPath();
  points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  ctx.closePath();
  ctx.fill();
}

/** The small "synthetic" tag in a corner, so nobody takes a picture for real data. */
function caption(ctx: Ctx, text: string, height: number): void {
  const size = Math.max(10, Math.round(height / 26));
  ctx.font = `600 ${size}px sans-serif`;
  const label = `SYNTHETIC · ${text}`;
  const w = ctx.measureText(label).width + size;
  roundRect(ctx, 8, height - size * 1.9 - 6, w, size * 1.9, size / 2, 'rgba(0,0,0,0.55)');
  ctx.fillStyle = '#fff';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, 8 + size / 2, height - size * 0.95 - 6);
}

// ---------------------------------------------------------------- field (perspective)

const CROPS: Record<Crop, { row: string; gap: string; plant: string; soil: string }> = {
  wheat: { row: '#9db34a', gap: '#7e9738', plant: '#d8c25a', soil: '#8a6d47' },
  barley: { row: '#b9c46a', gap: '#98a552', plant: '#e6dc95', soil: '#8a6d47' },
  maize: { row: '#4f8f3a', gap: '#3d7430', plant: '#6fb04a', soil: '#7a5b3a' },
  sunflower: { row: '#5d8f3c', gap: '#4a7a31', plant: '#f2c12e', soil: '#7a5b3a' },
  orchard: { row: '#88a95a', gap: '#759650', plant: '#3f7a3a', soil: '#8a6d47' },
};

/** Draws the field; returns the horizon's height, above which nothing grows. */
function field(ctx: Ctx, scene: Extract<Scene, { kind: 'field' }>, width: number, height: number, phase = 0): number {
  const rnd = random(scene.seed);
  const horizon = Math.round(height * (0.34 + rnd() * 0.06));
  const sky = ctx.createLinearGradient(0, 0, 0, horizon);
  sky.addColorStop(0, '#7fb8ee');
  sky.addColorStop(1, '#dceefc');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, horizon);
  for (let i = 0; i < 3; i++) {
    const x = rnd() * width;
    const y = horizon * (0.2 + rnd() * 0.4);
    for (let j = 0; j < 4; j++) circle(ctx, x + j * 18 - 27, y + (j % 2) * 5, 14 + rnd() * 8, 'rgba(255,255,255,0.85)');
  }
  // Hills and the tree line along the horizon.
  ctx.fillStyle = '#8fae9a';
  ctx.beginPath();
  ctx.moveTo(0, horizon);
  for (let x = 0; x <= width; x += width / 8) ctx.lineTo(x, horizon - 10 - rnd() * 18);
  ctx.lineTo(width, horizon);
  ctx.fill();
  for (let x = -10; x < width + 10; x += 9 + rnd() * 8) {
    if (rnd() < 0.25) continue;
    circle(ctx, x, horizon - 4 - rnd() * 6, 7 + rnd() * 7, rnd() < 0.5 ? '#2f5d34' : '#3b6e3c');
  }

  const colours = CROPS[scene.crop];
  const ground = height - horizon;
  ctx.fillStyle = scene.young ? colours.soil : colours.gap;
  ctx.fillRect(0, horizon, width, ground);
  // Rows: a fan from the vanishing point to far beyond the bottom corners, so that the rows
  // at the sides run almost flat into the distance.
  const vx = width * (0.42 + rnd() * 0.16);
  const rows = 70;
  const spread = width * 10;
  for (let i = 0; i < rows; i++) {
    const a = vx - spread / 2 + (spread / rows) * i;
    const b = a + spread / rows;
    const inset = scene.young ? 0.35 : 0.08;
    polygon(
      ctx,
      [
        [vx, horizon],
        [a + (b - a) * inset, height],
        [b - (b - a) * inset, height],
      ],
      i % 2 ? colours.row : colours.gap,
    );
  }
  // Plants along each row, bigger towards the viewer; `phase` moves them closer (video).
  const centres = Array.from({ length: rows }, (_, i) => vx - spread / 2 + (spread / rows) * (i + 0.5));
  const depthSteps = scene.crop === 'orchard' ? 9 : 26;
  for (let k = depthSteps; k >= 1; k--) {
    const t = Math.pow((k - 1 + phase) / (depthSteps - 1), 2.2);
    if (t <= 0 || t > 1.1) continue;
    const y = horizon + ground * t;
    for (const [i, cx] of centres.entries()) {
      const x = vx + (cx - vx) * t;
      if (x < -40 || x > width + 40) continue;
      const jitter = (rnd() - 0.5) * 4 * t;
      const size = (scene.young ? 1.5 : 4) + t * (scene.crop === 'orchard' ? 60 : 14);
      if (scene.crop === 'orchard') {
        if (i % 2) continue;
        ctx.fillStyle = '#5a4330';
        ctx.fillRect(x - size * 0.06, y - size * 0.9, size * 0.12, size * 0.9);
        circle(ctx, x + jitter, y - size * 1.1, size * 0.55, colours.plant);
        circle(ctx, x + jitter - size * 0.2, y - size * 1.2, size * 0.35, '#4f8c45');
        if (scene.blossom)
          for (let p = 0; p < 5; p++) circle(ctx, x + (rnd() - 0.5) * size * 0.9, y - size * (0.8 + rnd() * 0.6), size * 0.06 + 0.5, '#f7c6d9');
      } else if (scene.crop === 'sunflower' && !scene.young) {
        const damaged = scene.damage && x < width * 0.35 && y < horizon + ground * 0.35 && i % 3 === 0;
        ctx.fillStyle = '#3d6b2c';
        ctx.fillRect(x - 0.5, y - size * 0.2, 1 + t * 2, size * 0.8);
        circle(ctx, x + jitter, y - size * 0.3, size * 0.5, damaged ? '#7a5a2a' : colours.plant);
        circle(ctx, x + jitter, y - size * 0.3, size * 0.22, '#5b3a1c');
      } else {
        ctx.strokeStyle = scene.young ? '#7fb04d' : colours.plant;
        ctx.lineWidth = 1 + t * 2;
        ctx.beginPath();
        ctx.moveTo(x + jitter, y);
        ctx.lineTo(x + jitter + size * 0.15, y - size);
        ctx.stroke();
      }
    }
  }
  if (scene.lodging) {
    // The flattened patch after a storm: pale stalks lying one way.
    ctx.save();
    ctx.beginPath();
    ctx.ellipse(width * 0.62, horizon + ground * 0.62, width * 0.2, ground * 0.16, -0.1, 0, Math.PI * 2);
    ctx.clip();
    ctx.fillStyle = '#c9b46a';
    ctx.fillRect(0, horizon, width, ground);
    ctx.strokeStyle = '#a8924f';
    ctx.lineWidth = 2;
    for (let i = 0; i < 90; i++) {
      const x = width * 0.4 + rnd() * width * 0.45;
      const y = horizon + ground * (0.45 + rnd() * 0.35);
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 24, y + 5);
      ctx.stroke();
    }
    ctx.restore();
  }
  if (scene.shadow) {
    // The shadow of the tree line over the lower third.
    polygon(
      ctx,
      [
        [0, height * 0.64],
        [width, height * 0.7],
        [width, height],
        [0, height],
      ],
      'rgba(20,30,25,0.42)',
    );
  }
  return horizon;
}

/** Vegetation index classes, from bare soil to dense canopy (ColorBrewer RdYlGn). */
const NDVI_COLOURS = ['#d73027', '#fc8d59', '#fee08b', '#ffffbf', '#d9ef8b', '#91cf60', '#1a9850'];

function ndvi(source: HTMLCanvasElement, horizon: number, seed: number, output: Output): HTMLCanvasElement {
  // A coarser grid than the photo, as a multispectral camera gives.
  const cell = 4;
  const w = Math.ceil(output.width / cell);
  const h = Math.ceil(output.height / cell);
  const small = canvas(w, h);
  small.ctx.drawImage(source, 0, 0, w, h);
  const pixels = small.ctx.getImageData(0, 0, w, h);
  const data = pixels.data;
  // Patches of stronger and weaker growth that the eye does not see: what NDVI is for.
  const rnd = random(seed * 31 + 7);
  const patches = Array.from({ length: 4 }, () => ({ x: rnd() * w, y: h * (0.4 + rnd() * 0.6), r: w * (0.1 + rnd() * 0.15), sign: rnd() < 0.5 ? -1 : 1 }));
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    if (Math.floor(i / 4 / w) * cell < horizon - 12 || (b > r && b > g)) {
      data[i + 3] = 0; // sky
      continue;
    }
    // Green against red, stretched over the range of these scenes (bare soil about -0.12,
    // canopy about 0.33) so that crops come out in the greens.
    const [x, y] = [(i / 4) % w, Math.floor(i / 4 / w)];
    const vigour = patches.reduce((sum, patch) => sum + patch.sign * 0.14 * Math.exp(-((x - patch.x) ** 2 + (y - patch.y) ** 2) / (2 * patch.r * patch.r)), 0);
    const index = (g - r) / (g + r + 1) + vigour;
    const stretched = Math.pow(Math.max(0, Math.min(1, (index + 0.13) / 0.46)), 0.6);
    const level = Math.min(NDVI_COLOURS.length - 1, Math.floor(stretched * NDVI_COLOURS.length));
    const colour = NDVI_COLOURS[level];
    data[i] = parseInt(colour.slice(1, 3), 16);
    data[i + 1] = parseInt(colour.slice(3, 5), 16);
    data[i + 2] = parseInt(colour.slice(5, 7), 16);
    data[i + 3] = 170;
  }
  small.ctx.putImageData(pixels, 0, 0);
  const out = canvas(output.width, output.height);
  out.ctx.imageSmoothingEnabled = false;
  out.ctx.drawImage(small.element, 0, 0, output.width, output.height);
  return out.element;
}

// ---------------------------------------------------------------- from above

function rowsFromAbove(ctx: Ctx, scene: Extract<Scene, { kind: 'rows' }>, width: number, height: number): void {
  const rnd = random(scene.seed);
  ctx.fillStyle = '#9a7653';
  ctx.fillRect(0, 0, width, height);
  ctx.save();
  ctx.translate(width / 2, height / 2);
  ctx.rotate(scene.angle);
  const reach = Math.hypot(width, height) / 2 + 30;
  for (let y = -reach; y < reach; y += 46) {
    ctx.fillStyle = '#8a6846';
    ctx.fillRect(-reach, y - 12, reach * 2, 24);
    for (let x = -reach + rnd() * 20; x < reach; x += 36 + rnd() * 8) {
      if (rnd() < 0.06) continue; // a gap in the row
      const size = 11 + rnd() * 6;
      const turn = rnd() * Math.PI;
      ctx.fillStyle = '#5aa63f';
      for (let leaf = 0; leaf < 4; leaf++) {
        const angle = turn + (leaf * Math.PI) / 2;
        ctx.beginPath();
        ctx.ellipse(x + Math.cos(angle) * size * 0.55, y + Math.sin(angle) * size * 0.55, size * 0.6, size * 0.22, angle, 0, Math.PI * 2);
        ctx.fill();
      }
      circle(ctx, x, y, 3, '#3c7a2c');
    }
  }
  ctx.restore();
}

function moisture(seed: number, output: Output): HTMLCanvasElement {
  const rnd = random(seed);
  const wells = Array.from({ length: 5 }, () => ({ x: rnd() * output.width, y: rnd() * output.height, r: 50 + rnd() * 90, w: 0.5 + rnd() * 0.6 }));
  const out = canvas(output.width, output.height);
  const pixels = out.ctx.createImageData(output.width, output.height);
  const bands: Array<[number, number, number, number]> = [
    [0, 0, 0, 0],
    [158, 202, 225, 90],
    [107, 174, 214, 130],
    [49, 130, 189, 165],
    [8, 81, 156, 200],
  ];
  for (let y = 0; y < output.height; y++) {
    for (let x = 0; x < output.width; x++) {
      let value = 0;
      for (const well of wells) value += well.w * Math.exp(-((x - well.x) ** 2 + (y - well.y) ** 2) / (2 * well.r * well.r));
      const band = bands[Math.min(bands.length - 1, Math.floor(value * 4))];
      pixels.data.set(band, (y * output.width + x) * 4);
    }
  }
  out.ctx.putImageData(pixels, 0, 0);
  return out.element;
}

function drone(ctx: Ctx, scene: Extract<Scene, { kind: 'drone' }>, width: number, height: number): void {
  const rnd = random(scene.seed);
  ctx.fillStyle = '#5d7a3f'; // hedges between the fields
  ctx.fillRect(0, 0, width, height);
  ctx.save();
  ctx.translate(-scene.shift, -scene.shift * 0.3);
  const colours = ['#a8b85c', '#7d9a45', '#c9b56a', '#5f8a3e', '#b59a63', '#93ad55'];
  const cols = 4;
  const rowsCount = 3;
  const cw = (width + 200) / cols;
  const ch = (height + 100) / rowsCount;
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < rowsCount; j++) {
      const x = i * cw - 40;
      const y = j * ch - 30;
      const colour = colours[Math.floor(rnd() * colours.length)];
      polygon(
        ctx,
        [
          [x, y + rnd() * 10],
          [x + cw, y],
          [x + cw - rnd() * 10, y + ch],
          [x, y + ch],
        ],
        colour,
      );
      // Tramlines across the field.
      ctx.strokeStyle = 'rgba(60,50,30,0.35)';
      ctx.lineWidth = 2;
      const vertical = rnd() < 0.5;
      for (let k = 12; k < (vertical ? cw : ch); k += 22) {
        ctx.beginPath();
        if (vertical) {
          ctx.moveTo(x + k, y + 4);
          ctx.lineTo(x + k, y + ch - 4);
        } else {
          ctx.moveTo(x + 4, y + k);
          ctx.lineTo(x + cw - 4, y + k);
        }
        ctx.stroke();
      }
    }
  }
  // A farm track, a hedge and the farmyard.
  ctx.strokeStyle = '#d9c9a3';
  ctx.lineWidth = 10;
  ctx.beginPath();
  ctx.moveTo(-50, height * 0.55);
  ctx.bezierCurveTo(width * 0.3, height * 0.45, width * 0.6, height * 0.75, width + 200, height * 0.6);
  ctx.stroke();
  for (let x = -40; x < width + 200; x += 11) circle(ctx, x, cw > 0 ? height * 0.18 + Math.sin(x / 40) * 6 : 0, 7, '#2f5d34');
  roundRect(ctx, width * 0.7, height * 0.68, 60, 34, 3, '#b04a3a');
  roundRect(ctx, width * 0.7 + 70, height * 0.7, 40, 26, 3, '#8b8f94');
  // The tractor.
  roundRect(ctx, width * 0.35, height * 0.52, 16, 10, 2, '#2b6cb0');
  ctx.restore();
}

// ---------------------------------------------------------------- street

/**
 * A street. `paint(layer)` gives the colour of a class (1-based), or null to skip it; with
 * `erase`, skipped shapes clear what is under them, so a class mask leaves out whatever
 * stands in front of it.
 */
function street(
  ctx: Ctx,
  scene: Extract<Scene, { kind: 'street' }>,
  width: number,
  height: number,
  paint: (layer: number) => string | null,
  erase: boolean,
): void {
  const rnd = random(scene.seed);
  const shape = (layer: number, draw: (fill: string) => void) => {
    const fill = paint(layer);
    if (fill) {
      ctx.globalCompositeOperation = 'source-over';
      draw(fill);
    } else if (erase) {
      ctx.globalCompositeOperation = 'destination-out';
      draw('#000');
    }
    ctx.globalCompositeOperation = 'source-over';
  };
  const ground = Math.round(height * 0.64);
  const kerb = Math.round(height * 0.72);
  shape(1, (fill) => {
    if (fill === 'photo') {
      const sky = ctx.createLinearGradient(0, 0, 0, ground);
      const [top, bottom] = scene.weather === 'dusk' ? ['#3b3f7a', '#f0a36b'] : scene.weather === 'day' ? ['#6fb0ea', '#d6ecfb'] : ['#8d97a3', '#c9ced4'];
      sky.addColorStop(0, top);
      sky.addColorStop(1, bottom);
      ctx.fillStyle = sky;
    } else ctx.fillStyle = fill;
    ctx.fillRect(0, 0, width, ground);
  });
  const palette = ['#d9a47e', '#c8c2b4', '#a7b8c9', '#e3cf9b', '#b98b82', '#9fb49a'];
  let x = -rnd() * 30;
  while (x < width) {
    const w = 60 + rnd() * 70;
    const top = ground - height * (0.22 + rnd() * 0.3);
    const colour = palette[Math.floor(rnd() * palette.length)];
    shape(2, (fill) => {
      ctx.fillStyle = fill === 'photo' ? colour : fill;
      ctx.fillRect(x, top, w, ground - top);
    });
    const lit = scene.weather === 'dusk';
    for (let wy = top + 10; wy < ground - 18; wy += 20) {
      for (let wx = x + 8; wx < x + w - 14; wx += 17) {
        const on = lit && rnd() < 0.55;
        shape(3, (fill) => {
          ctx.fillStyle = fill === 'photo' ? (on ? '#ffd66b' : lit ? '#39405c' : '#7fa6c7') : fill;
          ctx.fillRect(wx, wy, 9, 12);
        });
      }
    }
    x += w + 2;
  }
  shape(5, (fill) => {
    ctx.fillStyle = fill === 'photo' ? '#b9b3a8' : fill;
    ctx.fillRect(0, ground, width, kerb - ground);
  });
  shape(4, (fill) => {
    ctx.fillStyle = fill === 'photo' ? (scene.weather === 'rain' ? '#3f4448' : '#55595e') : fill;
    ctx.fillRect(0, kerb, width, height - kerb);
  });
  const lane = kerb + (height - kerb) * 0.55;
  for (let lx = -20 + rnd() * 30; lx < width; lx += 70)
    shape(6, (fill) => {
      ctx.fillStyle = fill === 'photo' ? '#f4f1e8' : fill;
      ctx.fillRect(lx, lane, 38, 4);
    });
  // Trees on the pavement.
  for (let tx = 40 + rnd() * 60; tx < width; tx += 150 + rnd() * 90) {
    shape(9, (fill) => {
      ctx.fillStyle = fill === 'photo' ? '#6b4e36' : fill;
      ctx.fillRect(tx - 3, ground - 40, 6, 44);
      for (const [dx, dy, r] of [
        [0, -58, 22],
        [-16, -46, 16],
        [16, -46, 16],
      ])
        circle(ctx, tx + dx, ground + dy, r, fill === 'photo' ? (dx ? '#4c8a3f' : '#3f7a35') : fill);
    });
  }
  // A sign post.
  const sx = width * (0.55 + rnd() * 0.3);
  shape(10, (fill) => {
    ctx.fillStyle = fill === 'photo' ? '#6d7379' : fill;
    ctx.fillRect(sx - 2, ground - 48, 4, 56);
    circle(ctx, sx, ground - 56, 12, fill === 'photo' ? '#d6362c' : fill);
    circle(ctx, sx, ground - 56, 8, fill === 'photo' ? '#ffffff' : fill);
  });
  // People on the pavement.
  for (let p = 0; p < 3; p++) {
    const px = width * (0.08 + rnd() * 0.84);
    const coat = ['#c0392b', '#2c3e50', '#8e44ad', '#16a085'][Math.floor(rnd() * 4)];
    shape(8, (fill) => {
      roundRect(ctx, px - 6, ground - 34, 12, 30, 5, fill === 'photo' ? coat : fill);
      roundRect(ctx, px - 5, ground - 6, 4, 14, 2, fill === 'photo' ? '#333' : fill);
      roundRect(ctx, px + 1, ground - 6, 4, 14, 2, fill === 'photo' ? '#333' : fill);
      circle(ctx, px, ground - 41, 7, fill === 'photo' ? '#e0b48f' : fill);
    });
  }
  // Cars on the road.
  for (let c = 0; c < 3; c++) {
    const cx = (width / 3) * c + rnd() * width * 0.15;
    const cy = kerb + 10 + rnd() * (height - kerb - 50);
    const paintColour = ['#d64541', '#2d7dd2', '#f5f5f5', '#3a3a3a', '#f0b429'][Math.floor(rnd() * 5)];
    shape(7, (fill) => {
      roundRect(ctx, cx + 18, cy - 16, 56, 20, 8, fill === 'photo' ? paintColour : fill);
      roundRect(ctx, cx, cy, 96, 24, 7, fill === 'photo' ? paintColour : fill);
      if (fill === 'photo') {
        roundRect(ctx, cx + 24, cy - 12, 20, 12, 3, '#9fc3dd');
        roundRect(ctx, cx + 48, cy - 12, 20, 12, 3, '#9fc3dd');
      }
      circle(ctx, cx + 20, cy + 24, 9, fill === 'photo' ? '#1f1f1f' : fill);
      circle(ctx, cx + 76, cy + 24, 9, fill === 'photo' ? '#1f1f1f' : fill);
    });
  }
  if (paint(1) === 'photo') {
    if (scene.weather === 'rain') {
      ctx.strokeStyle = 'rgba(220,230,240,0.45)';
      ctx.lineWidth = 1;
      for (let i = 0; i < 260; i++) {
        const rx = rnd() * width;
        const ry = rnd() * height;
        ctx.beginPath();
        ctx.moveTo(rx, ry);
        ctx.lineTo(rx - 4, ry + 14);
        ctx.stroke();
      }
    }
    if (scene.weather === 'fog') {
      const fog = ctx.createLinearGradient(0, 0, 0, height);
      fog.addColorStop(0, 'rgba(235,238,240,0.85)');
      fog.addColorStop(1, 'rgba(235,238,240,0.35)');
      ctx.fillStyle = fog;
      ctx.fillRect(0, 0, width, height);
    }
  }
}

// ---------------------------------------------------------------- route map

function route(ctx: Ctx, width: number, height: number): void {
  ctx.fillStyle = '#eef0e6';
  ctx.fillRect(0, 0, width, height);
  const blocks: Array<[number, number, number, number, string]> = [
    [40, 40, 170, 110, 'North block'],
    [240, 40, 190, 110, 'East block'],
    [40, 180, 170, 100, 'South block'],
  ];
  for (const [x, y, w, h] of blocks) {
    roundRect(ctx, x, y, w, h, 6, '#cfe3b8');
    for (let ty = y + 14; ty < y + h - 6; ty += 14) for (let tx = x + 10; tx < x + w - 6; tx += 14) circle(ctx, tx, ty, 4, '#6a9f52');
  }
  roundRect(ctx, 270, 200, 90, 55, 4, '#c9b8a0');
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 8;
  ctx.beginPath();
  ctx.moveTo(0, 165);
  ctx.lineTo(width, 165);
  ctx.moveTo(225, 0);
  ctx.lineTo(225, height);
  ctx.stroke();
  // The drone's route, a lawnmower pattern over the north block.
  ctx.strokeStyle = '#d7263d';
  ctx.lineWidth = 3;
  ctx.setLineDash([8, 5]);
  ctx.beginPath();
  ctx.moveTo(315, 228);
  ctx.lineTo(225, 165);
  ctx.lineTo(50, 160);
  for (let i = 0; i < 5; i++) {
    const y = 140 - i * 22;
    ctx.lineTo(i % 2 ? 50 : 200, y);
    ctx.lineTo(i % 2 ? 200 : 50, y);
  }
  ctx.stroke();
  ctx.setLineDash([]);
  circle(ctx, 315, 228, 7, '#1b998b');
  circle(ctx, 50, 52, 7, '#d7263d');
  ctx.font = '600 12px sans-serif';
  ctx.textBaseline = 'top';
  for (const [x, y, name] of [
    ...blocks.map(([bx, by, , bh, label]): [number, number, string] => [bx + 4, by + bh - 20, label]),
    [274, 235, 'Packing shed'] as [number, number, string],
  ]) {
    roundRect(ctx, x, y, ctx.measureText(name).width + 8, 17, 3, 'rgba(255,255,255,0.85)');
    ctx.fillStyle = '#2f4a22';
    ctx.fillText(name, x + 4, y + 2);
  }
  ctx.fillStyle = '#333';
  ctx.font = '700 16px sans-serif';
  ctx.fillText('N ↑', width - 44, 14);
}

// ---------------------------------------------------------------- entry points

/** Draws a scene; returns its horizon (0 when there is none). */
function drawScene(ctx: Ctx, scene: Scene, width: number, height: number): number {
  switch (scene.kind) {
    case 'field':
      return field(ctx, scene, width, height);
    case 'rows':
      rowsFromAbove(ctx, scene, width, height);
      return 0;
    case 'drone':
      drone(ctx, scene, width, height);
      return 0;
    case 'street':
      street(ctx, scene, width, height, () => 'photo', false);
      return 0;
    case 'route':
      route(ctx, width, height);
      return 0;
  }
}

/** A picture, base64-encoded. */
export function picture(scene: Scene, label: string, output: Output): string {
  const { element, ctx } = canvas(output.width, output.height);
  drawScene(ctx, scene, output.width, output.height);
  caption(ctx, label, output.height);
  return encode(element, output);
}

/** An overlay with the size of its picture, base64-encoded. */
export function overlay(spec: Overlay, output: Output): string {
  if (spec.kind === 'ndvi') {
    const source = canvas(output.width, output.height);
    const horizon = drawScene(source.ctx, spec.of, output.width, output.height);
    return encode(ndvi(source.element, horizon, 'seed' in spec.of ? spec.of.seed : 0, output), output);
  }
  if (spec.kind === 'moisture') return encode(moisture(spec.seed, output), output);
  // Opaque first (so that erasing clears fully), then made translucent as a whole.
  const mask = canvas(output.width, output.height);
  street(mask.ctx, spec.of, output.width, output.height, (layer) => (layer === spec.layer ? MASK_COLOURS[layer - 1] : null), true);
  const { element, ctx } = canvas(output.width, output.height);
  ctx.globalAlpha = 0.6;
  ctx.drawImage(mask.element, 0, 0);
  return encode(element, output);
}

// ---------------------------------------------------------------- map tiles

/** A seeded hash of a lattice cell, 0…1. */
function cellHash(i: number, j: number, salt: number): number {
  return random((Math.imul(i, 73856093) ^ Math.imul(j, 19349663) ^ salt) >>> 0)();
}

/**
 * One 256×256 slippy-map tile (z/x/y in Web Mercator). The world is a lattice of blocks laid
 * out in normalised coordinates, so neighbouring tiles and zoom levels agree. `pitch` is the
 * size of a block in normalised units.
 */
export function tile(style: TileStyle, z: number, x: number, y: number, pitch: number, output: Output): string {
  const { element, ctx } = canvas(256, 256);
  const n = 2 ** z;
  // Tile-local pixels, computed in doubles: canvas transforms are single precision.
  const px = (nx: number) => (nx * n - x) * 256;
  const py = (ny: number) => (ny * n - y) * 256;
  const unit = pitch * n * 256;
  const satellite = style === 'city-sat';
  const street = style === 'parcels' ? '#fbfaf6' : satellite ? '#4b4e52' : '#ffffff';
  ctx.fillStyle = street;
  ctx.fillRect(0, 0, 256, 256);
  const i0 = Math.floor(x / n / pitch) - 1;
  const i1 = Math.ceil((x + 1) / n / pitch) + 1;
  const j0 = Math.floor(y / n / pitch) - 1;
  const j1 = Math.ceil((y + 1) / n / pitch) + 1;
  for (let i = i0; i <= i1; i++) {
    for (let j = j0; j <= j1; j++) {
      const avenue = (i % 6 === 0 ? 0.16 : 0.08) * unit;
      const gap = (j % 6 === 0 ? 0.16 : 0.08) * unit;
      const left = px(i * pitch) + avenue;
      const top = py(j * pitch) + gap;
      const size = unit - Math.max(avenue, gap) - 0.08 * unit;
      if (left > 256 || top > 256 || left + size < 0 || top + size < 0) continue;
      const kind = cellHash(i, j, 7);
      if (style === 'parcels') {
        const tint = ['#f6e7c1', '#e3f1d4', '#dce9f5', '#f3dcd3', '#ece4f4'][Math.floor(cellHash(i, j, 3) * 5)];
        ctx.fillStyle = tint;
        ctx.fillRect(left, top, size, size);
        ctx.strokeStyle = '#8c7b6b';
        ctx.lineWidth = Math.max(1, unit / 60);
        ctx.strokeRect(left, top, size, size);
        if (kind < 0.35)
          for (let a = 0.2; a < 1; a += 0.3) for (let b = 0.2; b < 1; b += 0.3) circle(ctx, left + size * a, top + size * b, size * 0.08, '#6a9f52');
        else if (kind < 0.7) roundRect(ctx, left + size * 0.25, top + size * 0.3, size * 0.45, size * 0.35, size * 0.03, '#c9a98d');
        continue;
      }
      if (kind < 0.12) {
        // A park with trees.
        roundRect(ctx, left, top, size, size, unit * 0.05, satellite ? '#3e6b35' : '#c5e1a5');
        for (let t = 0; t < 9; t++)
          circle(ctx, left + size * cellHash(i * 9 + t, j, 11), top + size * cellHash(i, j * 9 + t, 13), size * 0.09, satellite ? '#2c5127' : '#a9d18e');
      } else if (kind < 0.17) {
        roundRect(ctx, left, top, size, size, unit * 0.2, satellite ? '#2f4f5f' : '#a5cde6');
      } else {
        // A block of buildings in lots.
        ctx.fillStyle = satellite ? '#6d6a66' : '#e6ded3';
        ctx.fillRect(left, top, size, size);
        // Lots only where they are big enough to see; a plain block below that.
        const lots = size > 40 ? 3 : 1;
        for (let a = 0; a < lots; a++) {
          for (let b = 0; b < lots; b++) {
            const roof = ['#8d8a86', '#a2715a', '#b7b2a7', '#6f7a80', '#9a9486'][Math.floor(cellHash(i * 3 + a, j * 3 + b, 5) * 5)];
            ctx.fillStyle = satellite ? roof : '#d3c6b6';
            const lot = size / lots;
            ctx.fillRect(left + a * lot + lot * 0.08, top + b * lot + lot * 0.08, lot * 0.84, lot * 0.84);
          }
        }
      }
    }
  }
  return encode(element, output);
}

// ---------------------------------------------------------------- video

/** A crossing at night, from above (the row is tagged "night"): cars with their headlights on. */
function intersection(ctx: Ctx, width: number, height: number, t: number): void {
  ctx.fillStyle = '#24331f';
  ctx.fillRect(0, 0, width, height);
  const road = height * 0.34;
  ctx.fillStyle = '#2b2d31';
  ctx.fillRect(0, (height - road) / 2, width, road);
  ctx.fillRect((width - road) / 2, 0, road, height);
  ctx.fillStyle = '#8d8b84';
  for (let x = 0; x < width; x += 28) if (Math.abs(x - width / 2) > road / 2) ctx.fillRect(x, height / 2 - 1, 14, 2);
  for (let y = 0; y < height; y += 28) if (Math.abs(y - height / 2) > road / 2) ctx.fillRect(width / 2 - 1, y, 2, 14);
  for (let k = 0; k < 6; k++) ctx.fillRect(width / 2 - road / 2 + 6 + k * (road / 6), height / 2 + road / 2 + 4, road / 12, 12);
  // Street lamps at the corners.
  for (const [lx, ly] of [
    [width / 2 - road / 2 - 10, height / 2 - road / 2 - 10],
    [width / 2 + road / 2 + 10, height / 2 + road / 2 + 10],
  ]) {
    const glow = ctx.createRadialGradient(lx, ly, 2, lx, ly, 60);
    glow.addColorStop(0, 'rgba(255,214,140,0.55)');
    glow.addColorStop(1, 'rgba(255,214,140,0)');
    ctx.fillStyle = glow;
    ctx.fillRect(lx - 60, ly - 60, 120, 120);
    circle(ctx, lx, ly, 3, '#ffe9b0');
  }
  const cars: Array<[number, number, string]> = [
    [0, 0.12, '#b83b37'],
    [0.5, 0.12, '#2a63a8'],
    [0.25, -0.1, '#c99a26'],
    [0.7, -0.1, '#d9d9d9'],
  ];
  for (const [offset, speed, colour] of cars) {
    const along = (((offset + t * Math.abs(speed) * 3) % 1) + 1) % 1;
    // Heading right (speed > 0) or up; the beam reaches ahead of the car.
    const [x, y, w, h] =
      speed > 0 ? [along * (width + 60) - 60, height / 2 + road * 0.12, 44, 22] : [width / 2 - road * 0.36, height - along * (height + 60), 22, 44];
    const [bx, by] = speed > 0 ? [x + w + 26, y + h / 2] : [x + w / 2, y - 26];
    const beam = ctx.createRadialGradient(bx, by, 2, bx, by, 30);
    beam.addColorStop(0, 'rgba(255,250,220,0.7)');
    beam.addColorStop(1, 'rgba(255,250,220,0)');
    ctx.fillStyle = beam;
    ctx.fillRect(bx - 30, by - 30, 60, 60);
    roundRect(ctx, x, y, w, h, 6, colour);
    if (speed > 0) {
      circle(ctx, x + 1, y + 4, 2, '#ff3b30');
      circle(ctx, x + 1, y + h - 4, 2, '#ff3b30');
    } else {
      circle(ctx, x + 4, y + h - 1, 2, '#ff3b30');
      circle(ctx, x + w - 4, y + h - 1, 2, '#ff3b30');
    }
  }
}

function orchardFromAbove(ctx: Ctx, width: number, height: number, t: number): void {
  ctx.fillStyle = '#9dbb6a';
  ctx.fillRect(0, 0, width, height);
  const shift = t * 36;
  for (let y = -40; y < height + 40; y += 36) {
    ctx.fillStyle = '#b9a27a';
    ctx.fillRect(0, y + 14 - (shift % 36), width, 6);
    for (let x = 10; x < width; x += 30) {
      const row = Math.floor((y + shift) / 36);
      circle(ctx, x + (row % 2) * 15, y - (shift % 36), 12, row % 5 === 0 ? '#3c6e33' : '#4f8a41');
    }
  }
}

/** A short H.264 MP4 of an animation, recorded in real time, base64-encoded. */
export async function video(animation: Animation, label: string, width: number, height: number, seconds: number): Promise<string> {
  const { element, ctx } = canvas(width, height);
  document.body.appendChild(element);
  const draw = (t: number) => {
    if (animation === 'walkthrough') field(ctx, { kind: 'field', crop: 'maize', seed: 14 }, width, height, (t * 0.8) % 1);
    else if (animation === 'flyover') orchardFromAbove(ctx, width, height, t);
    else if (animation === 'intersection') intersection(ctx, width, height, t);
    else {
      // The second camera: the same crossing, turned and closer.
      ctx.save();
      ctx.translate(width / 2, height / 2);
      ctx.rotate(Math.PI / 2);
      ctx.scale(1.9, 1.9); // turned, the picture must still cover the frame
      ctx.translate(-width / 2, -height / 2);
      intersection(ctx, width, height, t + 0.3);
      ctx.restore();
    }
    caption(ctx, `${label} · ${t.toFixed(1)} s`, height);
  };
  const mimeType = 'video/mp4;codecs=avc1.42E01E';
  if (!MediaRecorder.isTypeSupported(mimeType)) throw new Error(`This Chromium cannot record ${mimeType}.`);
  draw(0);
  const recorder = new MediaRecorder(element.captureStream(25), { mimeType, videoBitsPerSecond: 300_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start();
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const t = (performance.now() - start) / 1000;
      draw(Math.min(t, seconds));
      if (t < seconds) setTimeout(tick, 1000 / 30);
      else resolve();
    };
    tick();
  });
  recorder.stop();
  await stopped;
  element.remove();
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
