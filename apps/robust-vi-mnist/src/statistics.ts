/** Mean of `values`; NaN when empty. O(n). */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/**
 * Area under the ROC curve of a score separating `positive` from `negative` objects: the probability that a
 * random positive scores above a random negative, ties counted one half (the Mann–Whitney U statistic / (m·n),
 * with mid-ranks). O((m + n) log(m + n)).
 *
 * @throws Error naming `auc` when either set is empty.
 */
export function auc(positive: ArrayLike<number>, negative: ArrayLike<number>): number {
  const m = positive.length;
  const n = negative.length;
  if (m === 0 || n === 0)
    throw new Error(`auc: arguments 'positive' and 'negative' must be non-empty, got ${m} and ${n}`);
  const scores = [
    ...Array.from(positive, (s) => ({ s, positive: true })),
    ...Array.from(negative, (s) => ({ s, positive: false })),
  ].sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < scores.length; ) {
    let j = i;
    while (j < scores.length && scores[j]!.s === scores[i]!.s) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (scores[k]!.positive) rankSum += midRank;
    i = j;
  }
  return (rankSum - (m * (m + 1)) / 2) / (m * n);
}
