import { describe, expect, it } from 'vitest';
import { batchIndices } from '../src/batches.js';
import { drawCorpus, gammaDraw, hostUniforms, oraclePerplexity } from '../src/corpus.js';

const CONFIG = {
  topics: 3,
  vocabulary: 20,
  trainDocuments: 30,
  testDocuments: 10,
  meanLength: 15,
  documentConcentration: 0.5,
  topicConcentration: 0.2,
};

describe('synthetic LDA corpus', () => {
  it('Gamma draws have mean α and variance α within 5 standard errors (shape below and above 1)', () => {
    for (const alpha of [0.3, 2.5]) {
      const uniform = hostUniforms(alpha * 100);
      const n = 20000;
      const x = Array.from({ length: n }, () => gammaDraw(alpha, uniform));
      const mean = x.reduce((a, b) => a + b, 0) / n;
      const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
      // Var of the sample mean α/n; of the sample variance ≈ (μ₄ − σ⁴)/n with μ₄ = 3α² + 6α for Gamma(α).
      expect(Math.abs(mean - alpha)).toBeLessThan(5 * Math.sqrt(alpha / n));
      expect(Math.abs(variance - alpha)).toBeLessThan(5 * Math.sqrt((3 * alpha ** 2 + 6 * alpha - alpha ** 2) / n));
    }
  });

  it('is deterministic from the seed; counts sum to the lengths; topics and θ are distributions', () => {
    const corpus = drawCorpus(CONFIG, 7);
    expect(drawCorpus(CONFIG, 7)).toEqual(corpus);
    expect(drawCorpus(CONFIG, 8).train.counts).not.toEqual(corpus.train.counts);
    for (const topic of corpus.topics) expect(topic.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const docs of [corpus.train, corpus.test]) {
      docs.lengths.forEach((length, d) => {
        const row = docs.counts.slice(d * CONFIG.vocabulary, (d + 1) * CONFIG.vocabulary);
        expect(row.reduce((a, b) => a + b, 0)).toBe(length);
        expect(length).toBeGreaterThanOrEqual(1);
        expect(docs.proportions[d]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      });
    }
    const meanLength = corpus.train.lengths.reduce((a, b) => a + b, 0) / CONFIG.trainDocuments;
    expect(Math.abs(meanLength - CONFIG.meanLength)).toBeLessThan(5 * Math.sqrt(CONFIG.meanLength / 30));
  });

  it('the oracle perplexity of one-word documents is the mean of 1/p over the drawn words (geometric)', () => {
    const corpus = drawCorpus({ ...CONFIG, meanLength: 1e-9 }, 3);
    const docs = corpus.test;
    let logSum = 0;
    docs.lengths.forEach((_, d) => {
      const w = Array.from(docs.counts.slice(d * 20, (d + 1) * 20)).indexOf(1);
      const p = corpus.topics.reduce((s, topic, t) => s + docs.proportions[d]![t]! * topic[w]!, 0);
      logSum += -Math.log(p);
    });
    expect(oraclePerplexity(corpus, docs)).toBeCloseTo(Math.exp(logSum / docs.lengths.length), 8);
  });

  it('batches cover every document once per epoch', () => {
    const next = batchIndices(10, 4, 7);
    const epoch = [...next(), ...next(), ...next().slice(0, 2)];
    expect([...epoch].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
