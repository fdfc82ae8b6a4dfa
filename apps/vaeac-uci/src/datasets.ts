import { readFileSync } from 'node:fs';
import type { ColumnType, Table } from './table.js';

/** The UCI tables of the app (`data/`, copies of scikit-learn 1.2's bundled files; see data/README.md). */
export const DATASET_NAMES = ['wine', 'breast', 'boston', 'iris'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** A complete (ground-truth) table with its column names and types. */
export interface Dataset {
  readonly name: DatasetName;
  readonly columns: readonly string[];
  readonly types: readonly ColumnType[];
  readonly rows: Table;
}

const WINE_COLUMNS = [
  'alcohol',
  'malic acid',
  'ash',
  'alcalinity of ash',
  'magnesium',
  'total phenols',
  'flavanoids',
  'nonflavanoid phenols',
  'proanthocyanins',
  'color intensity',
  'hue',
  'OD280/OD315',
  'proline',
];
const IRIS_COLUMNS = ['sepal length', 'sepal width', 'petal length', 'petal width', 'species'];

/** The CSV lines of `data/<file>`, without empty lines. */
function lines(file: string): string[] {
  const text = readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8');
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/** Parses scikit-learn's bundled format: first line `n,d,...`, then n rows of d features and the target. */
function numericRows(body: readonly string[], n: number, width: number, file: string): number[][] {
  if (body.length !== n) throw new Error(`loadDataset: ${file} has ${body.length} data rows, its header says ${n}`);
  return body.map((line, i) => {
    const row = line.split(',').map(Number);
    if (row.length !== width || row.some((v) => !Number.isFinite(v))) {
      throw new Error(`loadDataset: ${file} row ${i + 1} must hold ${width} numbers`);
    }
    return row;
  });
}

/**
 * Loads one of the app's UCI tables, complete (no missing entries):
 * - `wine`: UCI Wine recognition, 178 × 13 real features (the class label dropped);
 * - `breast`: UCI Wisconsin Diagnostic Breast Cancer, 569 × 30 real features (the diagnosis dropped);
 * - `boston`: Boston housing, 506 × 14 real columns (the 13 features and the target MEDV, all imputed as in the
 *   paper's UCI table; CHAS, a 0/1 indicator, is kept as a real column);
 * - `iris`: 150 × 4 real measurements plus the species as a categorical column with 3 classes.
 *
 * Reads a file of about 100 kB at most; O(n·d).
 */
export function loadDataset(name: DatasetName): Dataset {
  switch (name) {
    case 'wine': {
      const [, ...body] = lines('wine_data.csv');
      const rows = numericRows(body, 178, 14, 'wine_data.csv').map((r) => r.slice(0, 13));
      return { name, columns: WINE_COLUMNS, types: WINE_COLUMNS.map(() => 'real' as const), rows };
    }
    case 'breast': {
      const [, ...body] = lines('breast_cancer.csv');
      const rows = numericRows(body, 569, 31, 'breast_cancer.csv').map((r) => r.slice(0, 30));
      const columns = Array.from({ length: 30 }, (_, j) => `feature ${j + 1}`);
      return { name, columns, types: columns.map(() => 'real' as const), rows };
    }
    case 'boston': {
      const [, header, ...body] = lines('boston_house_prices.csv');
      const columns = header!.split(',').map((c) => c.replaceAll('"', ''));
      const rows = numericRows(body, 506, 14, 'boston_house_prices.csv');
      return { name, columns, types: columns.map(() => 'real' as const), rows };
    }
    case 'iris': {
      const [, ...body] = lines('iris.csv');
      const rows = numericRows(body, 150, 5, 'iris.csv');
      return { name, columns: IRIS_COLUMNS, types: ['real', 'real', 'real', 'real', { categories: 3 }], rows };
    }
  }
}
