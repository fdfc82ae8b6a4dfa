import { describe, expect, it } from 'vitest';
import { sampleIndices } from '../../test/fixtures/cross-functions.js';
import { type HostTT, hostInner, hostRelativeDistance } from './host-tt.js';

/** A host TT with entries uniform in (−1, 1) (seeded). */
function randomHostTT(sizes: number[], ranks: number[], seed: number): HostTT {
  const cores = sizes.map((n, k) =>
    Float64Array.from(sampleIndices(ranks[k]! * n * ranks[k + 1]!, 1, 2 ** 20, seed + k), (i) => i / 2 ** 19 - 1),
  );
  return { cores, ranks, sizes };
}

/** The dense tensor, by the definition A(i) = G_1[:, i_1, :]⋯G_d[:, i_d, :], in C order. */
function dense(x: HostTT): number[] {
  const total = x.sizes.reduce((p, n) => p * n, 1);
  return Array.from({ length: total }, (_, linear) => {
    const index = [...x.sizes].reverse().map((n) => {
      const i = linear % n;
      linear = Math.floor(linear / n);
      return i;
    });
    index.reverse();
    let row = [1];
    x.cores.forEach((core, k) => {
      const [n, r2] = [x.sizes[k]!, x.ranks[k + 1]!];
      row = Array.from({ length: r2 }, (_, s) =>
        row.reduce((sum, v, p) => sum + v * core[(p * n + index[k]!) * r2 + s]!, 0),
      );
    });
    return row[0]!;
  });
}

describe('host TT products', () => {
  it('hostInner equals the dense inner product', () => {
    const x = randomHostTT([3, 4, 2, 3], [1, 2, 3, 2, 1], 1);
    const y = randomHostTT([3, 4, 2, 3], [1, 3, 1, 4, 1], 2);
    const [dx, dy] = [dense(x), dense(y)];
    const expected = dx.reduce((s, v, i) => s + v * dy[i]!, 0);
    expect(Math.abs(hostInner(x, y) - expected)).toBeLessThan(1e-12 * Math.abs(expected) + 1e-12);
  });

  it('hostRelativeDistance is ‖x − y‖/‖x‖ (dense), 0 for equal tensors and 0/∞ for zeros', () => {
    const x = randomHostTT([2, 3, 2], [1, 2, 2, 1], 3);
    const y = randomHostTT([2, 3, 2], [1, 1, 3, 1], 4);
    const [dx, dy] = [dense(x), dense(y)];
    const norm = (v: number[]) => Math.sqrt(v.reduce((s, a) => s + a * a, 0));
    const expected = norm(dx.map((v, i) => v - dy[i]!)) / norm(dx);
    expect(Math.abs(hostRelativeDistance(x, y) - expected)).toBeLessThan(1e-12);
    expect(hostRelativeDistance(x, x)).toBeLessThan(1e-7);
    const zero = { ...x, cores: x.cores.map((c) => new Float64Array(c.length)) };
    expect(hostRelativeDistance(zero, zero)).toBe(0);
    expect(hostRelativeDistance(zero, x)).toBe(Number.POSITIVE_INFINITY);
  });
});
