import type { RawShape } from '@proj/tt';

/** `[2,3,4]` for a TT-tensor, `[2,3]x[4,5]` for a TT-matrix: shapes in error messages. */
export function formatRawShape(rawShape: RawShape): string {
  return rawShape.map((part) => `[${part.join(',')}]`).join('x');
}

/** True when two raw shapes are equal (same kind and modes). */
export function sameRawShape(a: RawShape, b: RawShape): boolean {
  return (
    a.length === b.length && a.every((part, i) => part.length === b[i]!.length && part.every((m, k) => m === b[i]![k]))
  );
}

/** The mode axes of core k: [n_k] for a TT-tensor, [m_k, n_k] for a TT-matrix. */
export function coreModes(rawShape: RawShape, k: number): number[] {
  return rawShape.map((part) => part[k]!);
}

/** Size of mode k as a core sees it: n_k for a TT-tensor, m_k·n_k for a TT-matrix. */
export function modeSizes(rawShape: RawShape): number[] {
  const [first, second] = rawShape;
  return second === undefined ? [...first] : first.map((m, k) => m * second[k]!);
}

/** `[1,2,2,1]`: rank vectors in error messages. */
export function formatRanks(ranks: readonly number[]): string {
  return `[${ranks.join(',')}]`;
}
