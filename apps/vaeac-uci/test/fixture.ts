import { readFileSync } from 'node:fs';
import type { ColumnType } from '../src/table.js';

/** One case of fixtures/baselines.json (scripts/baselines.py, numpy). */
export interface FixtureCase {
  readonly name: string;
  /** 0 = real, K = categorical with K classes. */
  readonly categories: readonly number[];
  readonly truth: number[][];
  readonly mask: boolean[][];
  readonly mean: (number | null)[][];
  readonly iterativeRidge: (number | null)[][];
  readonly knn: (number | null)[][];
  readonly imputations: number[][][];
  readonly metrics: Record<'nrmse' | 'pfc' | 'spread' | 'spreadCategorical', (number | null)[]>;
}

/** The numpy reference cases. */
export const CASES = (
  JSON.parse(readFileSync(new URL('../fixtures/baselines.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] }
).cases;

/** The column types of a case. */
export const typesOf = (c: FixtureCase): ColumnType[] =>
  c.categories.map((k) => (k === 0 ? 'real' : { categories: k }));

/** The corrupted table of a case: NaN where the mask is true. */
export const corruptedOf = (c: FixtureCase): number[][] =>
  c.truth.map((row, i) => row.map((v, j) => (c.mask[i]![j] ? Number.NaN : v)));

/** null (JSON) as NaN. */
export const nanOf = (rows: (number | null)[][]): number[][] => rows.map((r) => r.map((v) => v ?? Number.NaN));
