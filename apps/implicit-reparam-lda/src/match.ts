/** Cosine similarity of two vectors of the same length; 0 when one is zero. O(n). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let [dot, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa === 0 || bb === 0 ? 0 : dot / Math.sqrt(aa * bb);
}

/** A one-to-one matching of learned to true topics and the cosine similarity of each matched pair. */
export interface TopicMatch {
  /** learned[i] is the learned topic matched to true topic i. */
  readonly learned: readonly number[];
  /** Cosine similarity of true topic i and its match. */
  readonly cosines: readonly number[];
  readonly meanCosine: number;
}

/**
 * Greedy one-to-one matching on cosine similarity: repeatedly pair the most similar (true, learned) topics not yet
 * paired. Both lists hold K vectors of length V; O(K²·V + K³). Greedy, not Hungarian: it can miss the optimal
 * total by a little when similarities are close, never when each true topic has one clearly best match.
 *
 * @throws Error naming `matchTopics` when the counts of topics differ.
 */
export function matchTopics(truth: readonly ArrayLike<number>[], learned: readonly ArrayLike<number>[]): TopicMatch {
  if (truth.length !== learned.length || truth.length === 0) {
    throw new Error(
      `matchTopics: arguments 'truth' and 'learned' must hold the same positive number of topics, got ${truth.length} and ${learned.length}`,
    );
  }
  const k = truth.length;
  const similarity = truth.map((t) => learned.map((l) => cosine(t, l)));
  const assigned = new Array<number>(k).fill(-1);
  const used = new Set<number>();
  for (let round = 0; round < k; round++) {
    let best = [-1, -1, Number.NEGATIVE_INFINITY] as [number, number, number];
    for (let i = 0; i < k; i++) {
      if (assigned[i] !== -1) continue;
      for (let j = 0; j < k; j++) {
        if (!used.has(j) && similarity[i]![j]! > best[2]) best = [i, j, similarity[i]![j]!];
      }
    }
    assigned[best[0]] = best[1];
    used.add(best[1]);
  }
  const cosines = assigned.map((j, i) => similarity[i]![j]!);
  return { learned: assigned, cosines, meanCosine: cosines.reduce((a, b) => a + b, 0) / k };
}
