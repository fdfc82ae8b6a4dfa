import { describe, expect, it } from 'vitest';
import { convFlops } from './conv-flops.js';

const conv1 = { outHeight: 28, outWidth: 28, kernelHeight: 5, kernelWidth: 5, inChannels: 1, outChannels: 20 };

describe('convFlops', () => {
  it('is 2·OH·OW·KH·KW·Cin·Cout, scaled by the keep fraction', () => {
    expect(convFlops(conv1)).toBe(2 * 28 * 28 * 25 * 20);
    expect(convFlops({ ...conv1, outHeight: 13, outWidth: 7, inChannels: 3 })).toBe(2 * 13 * 7 * 25 * 3 * 20);
    expect(convFlops(conv1, 0.25)).toBe(convFlops(conv1) / 4);
    expect(convFlops(conv1) / convFlops(conv1, 1 / 3)).toBeCloseTo(3, 12);
  });

  it('rejects bad input', () => {
    expect(() => convFlops({ ...conv1, outWidth: 0 })).toThrow(/convFlops: argument 'geometry.outWidth'/);
    expect(() => convFlops({ ...conv1, inChannels: 1.5 })).toThrow(/convFlops: argument 'geometry.inChannels'/);
    const { outChannels: _, ...missing } = conv1;
    expect(() => convFlops(missing as never)).toThrow(/convFlops: argument 'geometry.outChannels'/);
    expect(() => convFlops({ ...conv1, stride: 2 } as never)).toThrow(/convFlops: argument 'geometry' has unknown key/);
    expect(() => convFlops(null as never)).toThrow(/convFlops: argument 'geometry'/);
    expect(() => convFlops(conv1, 0)).toThrow(/convFlops: argument 'keepFraction'/);
    expect(() => convFlops(conv1, 1.2)).toThrow(/convFlops: argument 'keepFraction'/);
  });
});
