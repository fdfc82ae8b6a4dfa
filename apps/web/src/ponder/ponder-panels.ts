import type { DigitBox } from './shipped-sact.js';

/** Viridis at 9 stops (matplotlib's), as the sact-cluttered-mnist app draws its ponder maps. */
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

/** Viridis color of t ∈ [0, 1] (clipped), linear between the stops. O(1). */
export function viridis(t: number): [number, number, number] {
  const position = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(position));
  const f = position - i;
  const [a, b] = [VIRIDIS[i]!, VIRIDIS[i + 1]!];
  return [0, 1, 2].map((k) => Math.round(a[k]! + f * (b[k]! - a[k]!))) as [number, number, number];
}

/** The three RGBA panels of {@link ponderPanels}, S² · 4 bytes each. */
export interface PonderPanels {
  readonly canvas: Uint8ClampedArray;
  readonly heat: Uint8ClampedArray;
  readonly overlay: Uint8ClampedArray;
}

const RED = [230, 40, 40] as const;

/**
 * The sact-cluttered-mnist app's ponder-map figure for one image: the cluttered canvas (gray), its ponder-cost
 * map (viridis over `range`, default the map's min and max) and the map blended half and half over the canvas
 * with the digit's box outlined in red. O(S²).
 *
 * @throws Error naming `ponderPanels` when `image` or `map` is not S² values.
 */
export function ponderPanels(
  image: Float32Array,
  map: Float32Array,
  box: DigitBox,
  side: number,
  range?: readonly [number, number],
): PonderPanels {
  const area = side * side;
  if (image.length !== area || map.length !== area) {
    throw new Error(
      `ponderPanels: arguments 'image' and 'map' must hold ${side} × ${side} values, got ${image.length} and ${map.length}`,
    );
  }
  const [low, high] = range ?? [Math.min(...map), Math.max(...map)];
  const panels = {
    canvas: new Uint8ClampedArray(4 * area),
    heat: new Uint8ClampedArray(4 * area),
    overlay: new Uint8ClampedArray(4 * area),
  };
  for (let p = 0; p < area; p++) {
    const [r, c] = [Math.floor(p / side), p % side];
    const g = Math.round(255 * Math.min(1, Math.max(0, image[p]!)));
    const heat = viridis(high > low ? (map[p]! - low) / (high - low) : 0.5);
    const edge =
      ((r === box.top || r === box.bottom - 1) && c >= box.left && c < box.right) ||
      ((c === box.left || c === box.right - 1) && r >= box.top && r < box.bottom);
    panels.canvas.set([g, g, g, 255], 4 * p);
    panels.heat.set([...heat, 255], 4 * p);
    panels.overlay.set(edge ? [...RED, 255] : [...heat.map((h) => Math.round(0.5 * h + 0.5 * g)), 255], 4 * p);
  }
  return panels;
}
