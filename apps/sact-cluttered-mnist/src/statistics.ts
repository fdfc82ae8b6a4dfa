/** Mean of `values`; NaN when empty. O(n). */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Population standard deviation of `values`; NaN when empty. O(n). */
export function std(values: ArrayLike<number>): number {
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i]! - m) ** 2;
  return Math.sqrt(sum / values.length);
}

/** Mid-ranks (1-based, ties share their mean rank) of `values`. O(n log n). */
export function ranks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const result = new Float64Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && values[order[j]!] === values[order[i]!]) j++;
    for (let k = i; k < j; k++) result[order[k]!] = (i + 1 + j) / 2;
    i = j;
  }
  return result;
}

/**
 * Area under the ROC curve of a score separating `positive` from `negative` objects: the probability that a
 * random positive scores above a random negative, ties counted one half (Mann–Whitney U / (m·n), mid-ranks).
 * O((m + n) log(m + n)).
 *
 * @throws Error naming `auc` when either set is empty.
 */
export function auc(positive: ArrayLike<number>, negative: ArrayLike<number>): number {
  const m = positive.length;
  const n = negative.length;
  if (m === 0 || n === 0)
    throw new Error(`auc: arguments 'positive' and 'negative' must be non-empty, got ${m} and ${n}`);
  const r = ranks([...Array.from(positive), ...Array.from(negative)]);
  let rankSum = 0;
  for (let i = 0; i < m; i++) rankSum += r[i]!;
  return (rankSum - (m * (m + 1)) / 2) / (m * n);
}

/**
 * Spearman's rank correlation of paired samples: Pearson's correlation of their mid-ranks; NaN when either
 * is constant. O(n log n).
 *
 * @throws Error naming `spearman` when the lengths differ or are below 2.
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length || x.length < 2) {
    throw new Error(`spearman: arguments 'x' and 'y' must have one equal length ≥ 2, got ${x.length} and ${y.length}`);
  }
  const [rx, ry] = [ranks(x), ranks(y)];
  const [mx, my] = [mean(rx), mean(ry)];
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}
