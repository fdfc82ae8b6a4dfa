import { foldIn, type Seed, threefry2x32 } from '@proj/core';

/** A seeded stream of float64 uniforms in (0, 1): Threefry-2x32 of a counter under the key (seed, 0), 53 bits. */
export function hostUniforms(seed: Seed): () => number {
  let counter = 0;
  return () => {
    const [high, low] = threefry2x32(seed, 0, counter++, 0);
    return ((high >>> 5) * 67108864 + (low >>> 6) + 0.5) / 9007199254740992;
  };
}

/** A standard normal draw by Box–Muller (one of the pair). */
function normalDraw(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A Gamma(shape, 1) draw: Marsaglia–Tsang for shape ≥ 1, boosted by U^(1/shape) below 1. O(1) expected. */
export function gammaDraw(shape: number, uniform: () => number): number {
  if (shape < 1) return gammaDraw(shape + 1, uniform) * uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normalDraw(uniform);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    if (Math.log(uniform()) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Dirichlet(α, …, α) draw of dimension k (symmetric), normalized Gammas; zeros floored at 1e-300. */
function dirichletDraw(alpha: number, k: number, uniform: () => number): Float64Array {
  const g = Float64Array.from({ length: k }, () => Math.max(gammaDraw(alpha, uniform), 1e-300));
  const total = g.reduce((a, b) => a + b, 0);
  return g.map((x) => x / total);
}

/** A Poisson(rate) draw by Knuth's product of uniforms: O(rate); for rates up to a few hundred. */
function poissonDraw(rate: number, uniform: () => number): number {
  const limit = Math.exp(-rate);
  let count = 0;
  for (let product = uniform(); product > limit; product *= uniform()) count++;
  return count;
}

/** The synthetic corpus's generative parameters. */
export interface CorpusConfig {
  /** K topics. */
  readonly topics: number;
  /** V words. */
  readonly vocabulary: number;
  readonly trainDocuments: number;
  readonly testDocuments: number;
  /** Document lengths are max(1, Poisson(meanLength)). */
  readonly meanLength: number;
  /** Symmetric Dirichlet concentration of the documents' topic proportions θ. */
  readonly documentConcentration: number;
  /** Symmetric Dirichlet concentration of the topics' word distributions β. */
  readonly topicConcentration: number;
}

/** Bag-of-words documents: counts [documents × V] row-major, and each document's θ and length. */
export interface Documents {
  readonly counts: Float32Array;
  readonly lengths: readonly number[];
  readonly proportions: readonly Float64Array[];
}

/** A corpus drawn from LDA with known topics β (K rows of V probabilities). */
export interface Corpus {
  readonly topics: readonly Float64Array[];
  readonly train: Documents;
  readonly test: Documents;
}

/** Index of the first cumulative probability above u (binary search), O(log V). */
function searchCdf(cdf: Float64Array, u: number): number {
  let [low, high] = [0, cdf.length - 1];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cdf[mid]! > u * cdf[cdf.length - 1]!) high = mid;
    else low = mid + 1;
  }
  return low;
}

function drawDocuments(
  config: CorpusConfig,
  topics: readonly Float64Array[],
  count: number,
  uniform: () => number,
): Documents {
  const { vocabulary: v, topics: k } = config;
  const counts = new Float32Array(count * v);
  const lengths: number[] = [];
  const proportions: Float64Array[] = [];
  const cdf = new Float64Array(v);
  for (let d = 0; d < count; d++) {
    const theta = dirichletDraw(config.documentConcentration, k, uniform);
    let total = 0;
    for (let w = 0; w < v; w++) {
      let p = 0;
      for (let t = 0; t < k; t++) p += theta[t]! * topics[t]![w]!;
      total += p;
      cdf[w] = total;
    }
    const length = Math.max(1, poissonDraw(config.meanLength, uniform));
    for (let n = 0; n < length; n++) counts[d * v + searchCdf(cdf, uniform())]! += 1;
    lengths.push(length);
    proportions.push(theta);
  }
  return { counts, lengths, proportions };
}

/**
 * A corpus from the LDA generative model: topics βₖ ~ Dir(topicConcentration) over V words, per document
 * θ ~ Dir(documentConcentration) over K topics, length N ~ max(1, Poisson(meanLength)), N words from
 * Categorical(θᵀβ). All on the host in float64 from `seed` (independent of the backend).
 * Cost O(D·(K·V + N·log V)).
 */
export function drawCorpus(config: CorpusConfig, seed: Seed): Corpus {
  const topicUniform = hostUniforms(foldIn(seed, 'topics'));
  const topics = Array.from({ length: config.topics }, () =>
    dirichletDraw(config.topicConcentration, config.vocabulary, topicUniform),
  );
  return {
    topics,
    train: drawDocuments(config, topics, config.trainDocuments, hostUniforms(foldIn(seed, 'train'))),
    test: drawDocuments(config, topics, config.testDocuments, hostUniforms(foldIn(seed, 'test'))),
  };
}

/**
 * The perplexity of documents under the true model given their true θ: exp(mean over documents of
 * −Σ_w n_w log(θᵀβ)_w / N): a reference point for the learned models' perplexity bounds (which know neither β nor
 * θ). O(D·K·V).
 */
export function oraclePerplexity(corpus: Corpus, documents: Documents): number {
  const v = corpus.topics[0]!.length;
  let sum = 0;
  documents.lengths.forEach((length, d) => {
    let logLik = 0;
    for (let w = 0; w < v; w++) {
      const n = documents.counts[d * v + w]!;
      if (n === 0) continue;
      let p = 0;
      corpus.topics.forEach((topic, t) => {
        p += documents.proportions[d]![t]! * topic[w]!;
      });
      logLik += n * Math.log(p);
    }
    sum += -logLik / length;
  });
  return Math.exp(sum / documents.lengths.length);
}
