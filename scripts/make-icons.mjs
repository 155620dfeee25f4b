// Draws the tray icons (one per tray state, 1x and @2x) and the app icon into resources/ as PNGs, with
// nothing but Node's zlib: shapes are signed-distance functions, sampled 4×4 per pixel for smooth edges.
// Run `node scripts/make-icons.mjs` after changing a colour or shape; the PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const OUT = 'resources';

// --- PNG encoding -------------------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- shapes in a unit square (0..1), distance < 0 inside ----------------------------------------------------
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, width) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
const box = (x0, y0, x1, y1) => (x, y) => Math.max(x0 - x, x - x1, y0 - y, y - y1);
const roundedBox = (x0, y0, x1, y1, r) => (x, y) => {
  const dx = Math.max(x0 + r - x, x - (x1 - r), 0);
  const dy = Math.max(y0 + r - y, y - (y1 - r), 0);
  return Math.hypot(dx, dy) - r;
};
const segment = (ax, ay, bx, by, width) => (x, y) => {
  const px = x - ax;
  const py = y - ay;
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - vx * t, py - vy * t) - width / 2;
};
const triangle = (points) => (x, y) => {
  // Inside when on the same side of all three edges; distance approximated by the nearest edge.
  let inside = true;
  let nearest = Infinity;
  for (let i = 0; i < 3; i += 1) {
    const [ax, ay] = points[i];
    const [bx, by] = points[(i + 1) % 3];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross < 0) inside = false;
    nearest = Math.min(nearest, segment(ax, ay, bx, by, 0)(x, y));
  }
  return inside ? -nearest : nearest;
};

/** Paints layers [shape, [r,g,b,a]] in order onto a size×size canvas. */
function draw(size, layers) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [shape, [lr, lg, lb, la]] of layers) {
        let covered = 0;
        for (let sy = 0; sy < samples; sy += 1) {
          for (let sx = 0; sx < samples; sx += 1) {
            if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size) < 0)
              covered += 1;
          }
        }
        const alpha = (covered / (samples * samples)) * la;
        // "over" compositing, straight alpha
        const outA = alpha + a * (1 - alpha);
        if (outA > 0) {
          r = (lr * alpha + r * a * (1 - alpha)) / outA;
          g = (lg * alpha + g * a * (1 - alpha)) / outA;
          b = (lb * alpha + b * a * (1 - alpha)) / outA;
        }
        a = outA;
      }
      const offset = (py * size + px) * 4;
      rgba[offset] = Math.round(r);
      rgba[offset + 1] = Math.round(g);
      rgba[offset + 2] = Math.round(b);
      rgba[offset + 3] = Math.round(a * 255);
    }
  }
  return encodePng(size, rgba);
}

const WHITE = [255, 255, 255, 1];
const disc = circle(0.5, 0.5, 0.46);
const outline = ring(0.5, 0.5, 0.44, 0.05);

// Colours chosen to read on both light and dark task bars.
const TRAY = {
  // idle: the scheduler waits for the next slot — a blue clock face
  idle: [
    [disc, [37, 99, 235, 1]],
    [segment(0.5, 0.5, 0.5, 0.24, 0.1), WHITE],
    [segment(0.5, 0.5, 0.7, 0.6, 0.1), WHITE],
  ],
  // running: a session is dialling — green with a play mark
  running: [
    [disc, [22, 163, 74, 1]],
    [
      triangle([
        [0.38, 0.28],
        [0.74, 0.5],
        [0.38, 0.72],
      ]),
      WHITE,
    ],
  ],
  // stopped: the scheduler is off — grey with a stop square
  stopped: [
    [disc, [107, 114, 128, 1]],
    [outline, [75, 85, 99, 1]],
    [box(0.34, 0.34, 0.66, 0.66), WHITE],
  ],
  // attention: a provider or sync problem — amber-red with an exclamation mark
  attention: [
    [disc, [220, 38, 38, 1]],
    [segment(0.5, 0.24, 0.5, 0.56, 0.13), WHITE],
    [circle(0.5, 0.74, 0.075), WHITE],
  ],
};

const APP_ICON = [
  [roundedBox(0.04, 0.04, 0.96, 0.96, 0.2), [15, 118, 110, 1]],
  [circle(0.5, 0.5, 0.32), WHITE],
  [ring(0.5, 0.5, 0.32, 0.03), [204, 251, 241, 1]],
  [segment(0.5, 0.5, 0.5, 0.28, 0.055), [15, 118, 110, 1]],
  [segment(0.5, 0.5, 0.66, 0.58, 0.055), [15, 118, 110, 1]],
  [circle(0.5, 0.5, 0.04), [15, 118, 110, 1]],
  [circle(0.76, 0.76, 0.13), [249, 115, 22, 1]],
  // a handset: the desk's calls
  [segment(0.715, 0.805, 0.805, 0.715, 0.035), WHITE],
  [circle(0.705, 0.815, 0.04), WHITE],
  [circle(0.815, 0.705, 0.04), WHITE],
];

mkdirSync(OUT, { recursive: true });
for (const [state, layers] of Object.entries(TRAY)) {
  writeFileSync(join(OUT, `tray-${state}.png`), draw(32, layers));
  writeFileSync(join(OUT, `tray-${state}@2x.png`), draw(64, layers));
}
writeFileSync(join(OUT, 'icon.png'), draw(512, APP_ICON));
console.log(`Wrote ${Object.keys(TRAY).length * 2 + 1} icons to ${OUT}/`);
