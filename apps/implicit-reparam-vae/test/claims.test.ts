import { describe, expect, it } from 'vitest';
import { claimTable, vaeClaims } from '../src/claims.js';
import type { MethodConfig } from '../src/config.js';
import type { EvaluationRecord, MethodResult } from '../src/results.js';

const NORMAL: MethodConfig = { label: 'Normal', latent: 'normal', gradient: 'reparameterized' };
const IMPLICIT: MethodConfig = { label: 'vM implicit', latent: 'vonMises', gradient: 'implicit' };
const SCORE: MethodConfig = { label: 'vM score', latent: 'vonMises', gradient: 'scoreFunction' };

/** A method evaluated at initialization and after training, with hand-picked numbers. */
function method(
  config: MethodConfig,
  elbo: [number, number],
  logLikelihood: [number, number],
  variance: Partial<Record<'implicit' | 'scoreFunction', number>>[] = [{}, {}],
): MethodResult {
  const records = [0, 1].map(
    (i): EvaluationRecord => ({
      method: config.label,
      epoch: i,
      step: i,
      trainElbo: null,
      testElbo: elbo[i]!,
      testLogLikelihood: logLikelihood[i]!,
      gradientVariance: variance[i]!,
    }),
  );
  return { config, records, means: [], msPerStep: 1 };
}

const byId = (claims: ReturnType<typeof vaeClaims>) => new Map(claims.map((c) => [c.id, c]));

describe('vaeClaims', () => {
  it('computes each claim from the methods (by hand) and holds where the paper’s orderings do', () => {
    const results = [
      method(NORMAL, [-540, -200], [-539, -198]),
      method(
        IMPLICIT,
        [-541, -195],
        [-540, -193],
        [
          { implicit: 1, scoreFunction: 4 },
          { implicit: 2, scoreFunction: 4 },
        ],
      ),
      method(
        SCORE,
        [-541, -197],
        [-540, -196],
        [
          { implicit: 1, scoreFunction: 8 },
          { implicit: 1, scoreFunction: 3 },
        ],
      ),
    ];
    const claims = byId(vaeClaims(results, [0.3, 0.25, 0.2], 2));
    expect(claims.get('von-mises-vs-normal')).toMatchObject({ ours: 5, holds: true, reference: null });
    expect(claims.get('von-mises-vs-normal')!.text).toContain('d = 2');
    // Ratios 4, 2, 8, 3: median (3 + 4) / 2.
    expect(claims.get('implicit-variance')).toMatchObject({ ours: 3.5, holds: true });
    expect(claims.get('implicit-elbo')).toMatchObject({ ours: 2, holds: true });
    expect(claims.get('torus-classes')).toMatchObject({ ours: 25, holds: true });
    expect(claims.get('sanity.trains')).toMatchObject({ ours: 340, holds: true });
    // Margins (log p − ELBO) / |ELBO| in %: the smallest, 1/541, at the von Mises VAEs' initialization.
    expect(claims.get('sanity.is-bound')!.ours).toBeCloseTo(100 / 541, 12);
    expect(claims.get('sanity.is-bound')!.holds).toBe(true);
  });

  it('fails each claim when the numbers go the other way', () => {
    const results = [
      method(NORMAL, [-540, -545], [-539, -190]),
      method(
        IMPLICIT,
        [-541, -199],
        [-540, -195],
        [
          { implicit: 2, scoreFunction: 1 },
          { implicit: 3, scoreFunction: 1 },
        ],
      ),
      method(
        SCORE,
        [-541, -190],
        [-546, -189],
        [
          { implicit: 1, scoreFunction: 1 },
          { implicit: 1, scoreFunction: 0.5 },
        ],
      ),
    ];
    const claims = byId(vaeClaims(results, [0.3, 0.1, 0.2], 3));
    expect(claims.get('von-mises-vs-normal')).toMatchObject({ ours: -5, holds: false });
    expect(claims.get('implicit-variance')!.holds).toBe(false);
    expect(claims.get('implicit-elbo')).toMatchObject({ ours: -9, holds: false });
    expect(claims.get('torus-classes')).toMatchObject({ ours: 10, holds: false });
    // The Normal VAE's ELBO fell by 5 nats; the score-function VAE's log p(x) at epoch 0 is below its ELBO.
    expect(claims.get('sanity.trains')).toMatchObject({ ours: -5, holds: false });
    expect(claims.get('sanity.is-bound')!.ours).toBeCloseTo((100 * -5) / 541, 12);
    expect(claims.get('sanity.is-bound')!.holds).toBe(false);
  });

  it('leaves out the claims whose methods the run lacks; the table agrees with the claims', () => {
    const claims = vaeClaims([method(NORMAL, [-540, -200], [-539, -198])], [0.3], 2);
    expect(claims.map((c) => c.id)).toEqual(['sanity.trains', 'sanity.is-bound']);
    expect(claimTable(claims)).toEqual(
      claims.map((c) => expect.objectContaining({ claim: c.text, paper: '–', holds: c.holds ? 'holds' : 'fails' })),
    );
  });
});
