import { describe, expect, it } from 'vitest';
import { cosine, matchTopics } from '../src/match.js';

describe('matchTopics', () => {
  it('computes cosine similarities in closed form', () => {
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 2, 2], [2, 4, 4])).toBeCloseTo(1, 12);
    // (1·1 + 1·0)/(√2·1) = 1/√2.
    expect(cosine([1, 1], [1, 0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosine([0, 0], [1, 0])).toBe(0);
  });

  it('recovers a permutation of the true topics', () => {
    const truth = [
      [0.7, 0.1, 0.1, 0.1],
      [0.1, 0.7, 0.1, 0.1],
      [0.1, 0.1, 0.7, 0.1],
    ];
    const learned = [truth[2]!, truth[0]!, truth[1]!];
    const match = matchTopics(truth, learned);
    expect(match.learned).toEqual([1, 2, 0]);
    expect(match.meanCosine).toBeCloseTo(1, 12);
  });

  it('pairs one-to-one even when one learned topic is closest to every true topic', () => {
    const truth = [
      [1, 0],
      [0.8, 0.6],
    ];
    // Learned 0 equals true 0 (cosine 1) and is also the closest to true 1 (0.8 > 0.6): greedy pairs 0-0 first.
    const learned = [
      [1, 0],
      [0, 1],
    ];
    const match = matchTopics(truth, learned);
    expect(match.learned).toEqual([0, 1]);
    expect(match.cosines[0]).toBeCloseTo(1, 12);
    expect(match.cosines[1]).toBeCloseTo(0.6, 12);
    expect(match.meanCosine).toBeCloseTo(0.8, 12);
  });

  it('rejects different numbers of topics, naming the function', () => {
    expect(() => matchTopics([[1]], [[1], [2]])).toThrow(
      "matchTopics: arguments 'truth' and 'learned' must hold the same positive number of topics, got 1 and 2",
    );
  });
});
