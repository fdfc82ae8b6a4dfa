import { type Image, viridis } from '@proj/run';
import type { Box } from './data.js';

/** Options of {@link ponderOverlay}. */
export interface OverlayOptions {
  /** Pixels per canvas pixel; default 3. */
  readonly scale?: number;
  /** Image triplets per row; default 4. */
  readonly columns?: number;
  /** Map values drawn at the ends of the colormap; default the maps' min and max. */
  readonly range?: readonly [number, number];
}

const RED = [230, 40, 40] as const;

/**
 * A PNG-ready RGB grid with, per image, three panels: the cluttered canvas (gray), its ponder-cost map
 * (viridis) and the map blended half and half over the canvas with the digit's box outlined in red (as the
 * SACT paper's figures overlay ponder maps on the images).
 *
 * @param images [n, S, S] gray levels in [0, 1]; `maps` [n, S, S] ponder-cost maps; `boxes` n digit boxes.
 * @throws Error naming `ponderOverlay` when the sizes disagree.
 */
export function ponderOverlay(
  images: Float32Array,
  maps: Float32Array,
  boxes: readonly Box[],
  side: number,
  options: OverlayOptions = {},
): Image {
  const n = boxes.length;
  if (images.length !== n * side * side || maps.length !== n * side * side) {
    throw new Error(
      `ponderOverlay: arguments 'images' and 'maps' must hold ${n} images of ${side} × ${side}, got ${images.length} and ${maps.length} values`,
    );
  }
  const scale = options.scale ?? 3;
  const columns = Math.min(n, options.columns ?? 4);
  const rows = Math.ceil(n / columns);
  const [low, high] =
    options.range ?? maps.reduce(([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)], [Infinity, -Infinity]);
  const panel = side * scale;
  const gap = 2 * scale;
  const width = columns * (3 * panel + 2 * scale) + (columns + 1) * gap;
  const height = rows * panel + (rows + 1) * gap;
  const data = new Uint8Array(width * height * 3).fill(255);
  const put = (x: number, y: number, rgb: readonly number[]) => data.set(rgb, (y * width + x) * 3);
  for (let k = 0; k < n; k++) {
    const top = gap + Math.floor(k / columns) * (panel + gap);
    const left = gap + (k % columns) * (3 * panel + 2 * scale + gap);
    const box = boxes[k]!;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const at = (k * side + r) * side + c;
        const g = Math.round(255 * Math.min(1, Math.max(0, images[at]!)));
        const heat = viridis(high > low ? (maps[at]! - low) / (high - low) : 0.5);
        const blend = heat.map((h) => Math.round(0.5 * h + 0.5 * g));
        const edge =
          ((r === box.top || r === box.bottom - 1) && c >= box.left && c < box.right) ||
          ((c === box.left || c === box.right - 1) && r >= box.top && r < box.bottom);
        for (let i = 0; i < scale; i++) {
          for (let j = 0; j < scale; j++) {
            const [x, y] = [left + c * scale + j, top + r * scale + i];
            put(x, y, [g, g, g]);
            put(x + panel + scale, y, heat);
            put(x + 2 * (panel + scale), y, edge ? RED : blend);
          }
        }
      }
    }
  }
  return { width, height, channels: 3, data };
}
