import { describe, expect, it } from 'vitest';
import { BREAST_CANCER_CSV, batchIndices, readCsvDataset, standardizeWithBias } from '../src/data.js';

describe('UCI breast cancer', () => {
  const raw = readCsvDataset(BREAST_CANCER_CSV);

  it('has 569 rows, 30 features and 212 malignant (0) / 357 benign (1) labels, as the UCI documentation', () => {
    expect([raw.rows, raw.columns]).toEqual([569, 30]);
    expect(raw.labels.filter((y) => y === 1).length).toBe(357);
    expect(raw.labels.filter((y) => y === 0).length).toBe(212);
    // First row, first and last features: mean radius 17.99, worst fractal dimension 0.1189.
    expect(raw.features[0]).toBeCloseTo(17.99, 5);
    expect(raw.features[29]).toBeCloseTo(0.1189, 6);
  });

  it('standardizes every feature to mean 0 and variance 1 (ddof 0) and appends a bias column of ones', () => {
    const data = standardizeWithBias(raw);
    expect(data.columns).toBe(31);
    for (const j of [0, 7, 29]) {
      const column = Array.from({ length: data.rows }, (_, i) => data.features[i * 31 + j]!);
      const mean = column.reduce((a, b) => a + b, 0) / data.rows;
      const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / data.rows;
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      expect(variance).toBeCloseTo(1, 4);
    }
    expect(Array.from({ length: data.rows }, (_, i) => data.features[i * 31 + 30])).toEqual(new Array(569).fill(1));
  });

  it('batches cover every row once per epoch, in a new seeded order each epoch', () => {
    const next = batchIndices(10, 4, 7);
    const firstEpoch = [...next(), ...next(), ...next().slice(0, 2)];
    expect([...firstEpoch].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const again = batchIndices(10, 4, 7);
    expect([...again(), ...again()]).toEqual(firstEpoch.slice(0, 8));
    expect(batchIndices(10, 4, 8)()).not.toEqual(firstEpoch.slice(0, 4));
  });
});
