import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';

/** An 8-bit raster image: `channels` interleaved values per pixel, rows top to bottom. */
export interface Image {
  readonly width: number;
  readonly height: number;
  /** 1 (gray), 3 (RGB) or 4 (RGBA). */
  readonly channels: 1 | 3 | 4;
  readonly data: Uint8Array;
}

/**
 * Encodes an {@link Image} as PNG with fast-png (pure JavaScript: no native image library, nothing
 * downloaded at install).
 */
export async function encodePng(image: Image): Promise<Uint8Array> {
  const { width, height, channels, data } = image;
  if (data.length !== width * height * channels) {
    throw new Error(
      `encodePng: argument 'image' has ${data.length} values, expected width·height·channels = ${width}·${height}·${channels}`,
    );
  }
  const { encode } = await import('fast-png');
  return encode({ width, height, channels, depth: 8, data });
}

/** Encodes `image` as PNG and writes it to `path`. */
export async function writePng(path: string, image: Image): Promise<void> {
  writeFileSync(path, await encodePng(image));
}

/** Options of {@link imageGrid}. */
export interface ImageGridOptions {
  /** Images per row; default ⌈√n⌉. */
  readonly columns?: number;
  /** Pixels between images, filled with `background`; default 1. */
  readonly padding?: number;
  /** Values mapped to black and white; default [0, 1]. Values outside are clipped. */
  readonly range?: readonly [number, number];
  /** Gray level (0-255) between images; default 255. */
  readonly background?: number;
}

/**
 * Tiles a batch of images into one grid image (sample grids of generative models, inpaintings).
 *
 * @param images [n, h, w] (gray) or [n, h, w, c] with c = 1 or 3; values in `range`.
 * @returns an {@link Image} with the channels of the input. Reads the tensor; creates none.
 */
export function imageGrid(images: tf.Tensor, options: ImageGridOptions = {}): Image {
  if (images.rank !== 3 && images.rank !== 4) {
    throw new Error(
      `imageGrid: argument 'images' must have shape [n, h, w] or [n, h, w, c], got [${images.shape.join(',')}]`,
    );
  }
  const [n, h, w, c = 1] = images.shape as [number, number, number, number?];
  if (c !== 1 && c !== 3) throw new Error(`imageGrid: argument 'images' must have 1 or 3 channels, got ${c}`);
  const columns = options.columns ?? Math.max(1, Math.ceil(Math.sqrt(n)));
  const rows = Math.max(1, Math.ceil(n / columns));
  const padding = options.padding ?? 1;
  const [low, high] = options.range ?? [0, 1];
  const width = columns * w + (columns + 1) * padding;
  const height = rows * h + (rows + 1) * padding;
  const data = new Uint8Array(width * height * c).fill(options.background ?? 255);
  const values = images.dataSync();
  for (let k = 0; k < n; k++) {
    const top = padding + Math.floor(k / columns) * (h + padding);
    const left = padding + (k % columns) * (w + padding);
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        for (let ch = 0; ch < c; ch++) {
          const value = values[((k * h + i) * w + j) * c + ch]!;
          data[((top + i) * width + left + j) * c + ch] = toByte((value - low) / (high - low));
        }
      }
    }
  }
  return { width, height, channels: c, data };
}

/** Anchors of matplotlib's viridis colormap at 0, 1/8, ..., 1 (linearly interpolated between). */
const VIRIDIS = [
  [68, 1, 84],
  [71, 45, 123],
  [59, 82, 139],
  [44, 114, 142],
  [33, 145, 140],
  [40, 174, 128],
  [94, 201, 98],
  [173, 220, 48],
  [253, 231, 37],
] as const;

/** Options of {@link heatmap}. */
export interface HeatmapOptions {
  /** Values mapped to the ends of the colormap; default the data's min and max. */
  readonly range?: readonly [number, number];
  /** Pixels per cell; default 8. */
  readonly cellSize?: number;
}

/**
 * Renders a matrix as a viridis heat map (ponder-cost maps of adaptive computation, attention, masks).
 *
 * @param values [rows, columns], as a tensor or nested arrays. NaN cells are drawn white.
 */
export function heatmap(values: tf.Tensor2D | readonly (readonly number[])[], options: HeatmapOptions = {}): Image {
  const matrix = values instanceof tf.Tensor ? (values.arraySync() as number[][]) : values;
  const rows = matrix.length;
  const columns = matrix[0]?.length ?? 0;
  if (rows === 0 || columns === 0 || matrix.some((row) => row.length !== columns)) {
    throw new Error("heatmap: argument 'values' must be a non-empty rectangular matrix");
  }
  const finite = matrix.flat().filter(Number.isFinite);
  const [low, high] = options.range ?? [Math.min(...finite), Math.max(...finite)];
  const cell = options.cellSize ?? 8;
  const width = columns * cell;
  const data = new Uint8Array(rows * cell * width * 3);
  for (let r = 0; r < rows; r++) {
    for (let col = 0; col < columns; col++) {
      const value = matrix[r]![col]!;
      const rgb = Number.isNaN(value) ? [255, 255, 255] : viridis(high > low ? (value - low) / (high - low) : 0.5);
      for (let i = 0; i < cell; i++) {
        for (let j = 0; j < cell; j++) data.set(rgb, ((r * cell + i) * width + col * cell + j) * 3);
      }
    }
  }
  return { width, height: rows * cell, channels: 3, data };
}

/** Viridis color of t ∈ [0, 1] (clipped). */
export function viridis(t: number): [number, number, number] {
  const position = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(position));
  const f = position - i;
  const [a, b] = [VIRIDIS[i]!, VIRIDIS[i + 1]!];
  return [0, 1, 2].map((k) => Math.round(a[k]! + f * (b[k]! - a[k]!))) as [number, number, number];
}

function toByte(unit: number): number {
  return Math.round(255 * Math.min(1, Math.max(0, Number.isNaN(unit) ? 0 : unit)));
}
