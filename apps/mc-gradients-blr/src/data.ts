import { readFileSync } from 'node:fs';
import { type Seed, threefry2x32 } from '@proj/core';

/** A binary classification table: features [n, d] row-major, labels in {0, 1}. */
export interface Dataset {
  readonly features: Float32Array;
  readonly labels: Float32Array;
  readonly rows: number;
  readonly columns: number;
}

/** The bundled copy of UCI breast cancer (WDBC) as scikit-learn ships it (see the README for provenance). */
export const BREAST_CANCER_CSV = new URL('../data/breast_cancer.csv', import.meta.url);

/**
 * Reads scikit-learn's CSV layout: a header `rows,columns,name0,name1`, then one row per example with the
 * features and the integer class last.
 *
 * @throws Error naming the file and line when the table does not match its header.
 */
export function readCsvDataset(path: URL | string): Dataset {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const [rows, columns] = lines[0]!.split(',').map(Number) as [number, number];
  if (!(Number.isInteger(rows) && Number.isInteger(columns)) || lines.length - 1 !== rows) {
    throw new Error(
      `readCsvDataset: ${String(path)}: the header announces ${rows} rows, the file has ${lines.length - 1}`,
    );
  }
  const features = new Float32Array(rows * columns);
  const labels = new Float32Array(rows);
  lines.slice(1).forEach((line, i) => {
    const values = line.split(',').map(Number);
    if (values.length !== columns + 1 || values.some((v) => !Number.isFinite(v))) {
      throw new Error(`readCsvDataset: ${String(path)}: line ${i + 2} must hold ${columns + 1} numbers`);
    }
    features.set(values.slice(0, columns), i * columns);
    labels[i] = values[columns]!;
  });
  return { features, labels, rows, columns };
}

/**
 * Z-scores every feature with the whole table's mean and standard deviation (ddof 0, as the reference
 * code), then appends a constant 1 (the bias): [n, d + 1].
 */
export function standardizeWithBias(data: Dataset): Dataset {
  const { rows, columns } = data;
  const out = new Float32Array(rows * (columns + 1));
  for (let j = 0; j < columns; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += data.features[i * columns + j]!;
    mean /= rows;
    let variance = 0;
    for (let i = 0; i < rows; i++) variance += (data.features[i * columns + j]! - mean) ** 2;
    const sd = Math.sqrt(variance / rows) || 1;
    for (let i = 0; i < rows; i++) out[i * (columns + 1) + j] = (data.features[i * columns + j]! - mean) / sd;
  }
  for (let i = 0; i < rows; i++) out[i * (columns + 1) + columns] = 1;
  return { features: out, labels: data.labels, rows, columns: columns + 1 };
}

/**
 * Mini-batches of row indices, shuffled anew every epoch and repeated (the reference code's shuffled,
 * repeated tf.data pipeline): epoch e is a Fisher–Yates permutation from Threefry(seed, e).
 */
export function batchIndices(rows: number, batchSize: number, seed: Seed): () => number[] {
  let order: number[] = [];
  let epoch = 0;
  let position = 0;
  const shuffle = () => {
    order = Array.from({ length: rows }, (_, i) => i);
    for (let i = rows - 1; i > 0; i--) {
      const [word] = threefry2x32(seed, epoch, i, 0);
      const j = word % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    epoch++;
    position = 0;
  };
  shuffle();
  return () => {
    const batch: number[] = [];
    while (batch.length < batchSize) {
      if (position === rows) shuffle();
      batch.push(order[position++]!);
    }
    return batch;
  };
}
