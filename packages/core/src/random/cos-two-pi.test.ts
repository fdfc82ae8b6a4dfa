import { describe, expect, it } from 'vitest';
import { cosTwoPi } from './cos-two-pi.js';

describe('cosTwoPi', () => {
  it('equals Math.cos(2πu) to 7e-16 absolute on 2^16 random u ∈ [0, 1) and at the quadrant points', () => {
    let state = 20_261_205;
    const next = () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
    const points = [
      0,
      0.125,
      0.25,
      0.375,
      0.5,
      0.625,
      0.75,
      0.875,
      1 - 2 ** -53,
      2 ** -53,
      ...Array.from({ length: 1 << 16 }, next),
    ];
    let worst = 0;
    for (const u of points) worst = Math.max(worst, Math.abs(cosTwoPi(u) - Math.cos(2 * Math.PI * u)));
    expect(worst).toBeLessThanOrEqual(7e-16);
    expect(worst).toBeGreaterThan(0); // a polynomial, not Math.cos
  });

  it('is periodic with period 1 and even', () => {
    for (const u of [0.1, 0.3, 0.45, 0.8]) {
      expect(cosTwoPi(u + 3)).toBeCloseTo(cosTwoPi(u), 14);
      expect(cosTwoPi(-u)).toBeCloseTo(cosTwoPi(u), 15);
    }
    expect(cosTwoPi(0)).toBe(1);
    expect(cosTwoPi(0.5)).toBe(-1);
  });
});
