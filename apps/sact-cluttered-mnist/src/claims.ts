import { type Claim, claim, claimRow } from '@proj/repro';
import { PAPER_SAYS, THRESHOLDS } from './paper.js';
import { family, plainOf, referenceSact, type VariantResult } from './results.js';

const COMMAND = 'pnpm repro sact-cluttered-mnist';
const T = THRESHOLDS;

/** A claim and what the papers say about it (prose for the printed table). */
export interface StatedClaim {
  readonly claim: Claim;
  readonly paper: string;
}

/** Fixed-point text of a number; an en dash for NaN. */
const fixed = (v: number, digits = 2) => (Number.isNaN(v) ? '–' : v.toFixed(digits));
const pct = (v: number) => `${fixed(100 * v, 1)} %`;

/** The FLOPs SACT `r` saves against the plain network (%) and the accuracy points it loses. */
function tradeOff(r: VariantResult, plain: VariantResult) {
  return {
    saving: 100 * (1 - r.evaluation.mflops / plain.evaluation.mflops),
    drop: 100 * (plain.evaluation.accuracy - r.evaluation.accuracy),
  };
}

/** How the reference SACT of the ponder-map claims was chosen, for the detail texts. */
const referenceText = (r: VariantResult) =>
  `${r.variant.id} (fewest FLOPs within ${T.dropPoints} point of plain, else the most accurate SACT)`;

/**
 * The claims of the SACT and PACT papers that a run can test, with the research notes' thresholds (§2.6), and
 * sanity claims on the counts. A claim whose variants the config lacks (no SACT, fewer than two τ, no ACT or
 * PACT) is left out. Every claim can fail; `ours` is NaN (never holds) when no variant qualifies.
 *
 * @param units residual units per stage (ρ per stage lies in [1, units + 1]).
 */
export function sactClaims(results: readonly VariantResult[], units: readonly number[]): StatedClaim[] {
  const plain = plainOf(results);
  const sact = family(results, 'SACT');
  const act = family(results, 'ACT');
  const pact = family(results, 'PACT');
  const reference = referenceSact(results, T.dropPoints);
  const out: StatedClaim[] = [];
  const add = (paper: string, spec: Parameters<typeof claim>[0]) => out.push({ claim: claim(spec), paper });

  if (sact.length > 0) {
    const rows = sact.map((r) => ({ r, ...tradeOff(r, plain) }));
    const close = rows.filter((row) => row.drop <= T.dropPoints);
    add(PAPER_SAYS.saving, {
      id: 'sact-flops-saving',
      text:
        `some SACT τ saves ≥ ${T.savingPercent} % of the plain network's counted FLOPs at ≤ ${T.dropPoints} ` +
        `point of test accuracy lost (ours: the best saving among SACT models within ${T.dropPoints} point; none: NaN)`,
      reference: null,
      ours: close.length === 0 ? Number.NaN : Math.max(...close.map((row) => row.saving)),
      unit: '%',
      test: { op: '>=', bound: T.savingPercent },
      detail:
        `plain ${pct(plain.evaluation.accuracy)} at ${fixed(plain.evaluation.mflops)} MFLOPs/img; ` +
        rows
          .map(
            (row) =>
              `${row.r.variant.id}: ${pct(row.r.evaluation.accuracy)} at ${fixed(row.r.evaluation.mflops)} MFLOPs ` +
              `(${fixed(row.saving, 1)} % saved, ${fixed(-row.drop, 1)} points)`,
          )
          .join('; '),
    });
  }
  if (sact.length >= 2) {
    const steps = sact.slice(1).map((r, k) => r.evaluation.mflops - sact[k]!.evaluation.mflops);
    add(PAPER_SAYS.monotone, {
      id: 'sact-flops-monotone',
      text: "SACT's counted FLOPs fall strictly as τ grows (ours: the largest change between neighbouring τ)",
      reference: null,
      ours: Math.max(...steps),
      unit: 'MFLOPs',
      test: { op: '<', bound: 0 },
      detail: `SACT MFLOPs/img by τ: ${sact.map((r) => `${r.variant.tau} → ${fixed(r.evaluation.mflops)}`).join(', ')}`,
    });
  }
  if (reference !== undefined) {
    const p = reference.evaluation.ponder;
    const all = (pick: (r: VariantResult) => number, digits: number) =>
      sact.map((r) => `${r.variant.tau} → ${fixed(pick(r), digits)}`).join(', ');
    add(PAPER_SAYS.onDigit, {
      id: 'sact-ponder-digit-ratio',
      text: `the reference SACT's ponder map is ≥ ${T.digitToBackground} times higher on the digit's ink than on the background`,
      reference: null,
      ours: p.digitToBackground,
      unit: 'x',
      test: { op: '>=', bound: T.digitToBackground },
      detail: `${referenceText(reference)}; all SACT by τ: ${all((r) => r.evaluation.ponder.digitToBackground, 3)}`,
    });
    add(PAPER_SAYS.onDigit, {
      id: 'sact-ponder-auc',
      text: `the reference SACT's ponder map detects the digit's ink pixels with per-image ROC-AUC ≥ ${T.auc}`,
      reference: null,
      ours: p.auc,
      test: { op: '>=', bound: T.auc },
      detail: `${referenceText(reference)}; all SACT by τ: ${all((r) => r.evaluation.ponder.auc, 3)}`,
    });
    add(PAPER_SAYS.boxMass, {
      id: 'sact-ponder-box-mass',
      text: "the reference SACT puts a larger share of its ponder mass inside the digit's box than the box's share of the canvas (ours: mass share / area share)",
      reference: null,
      ours: p.boxMass / p.boxArea,
      unit: 'x',
      test: { op: '>', bound: 1 },
      detail:
        `${referenceText(reference)}: ${pct(p.boxMass)} of the ponder mass (${pct(p.boxExcessMass)} of the mass ` +
        `above the floor of 2 per stage) inside the box, which covers ${pct(p.boxArea)} of the canvas`,
    });
    add(PAPER_SAYS.difficulty, {
      id: 'sact-difficulty',
      text: "harder images get more computation: Spearman correlation of the reference SACT's mean ponder cost with 1 − confidence > 0",
      reference: null,
      ours: reference.evaluation.difficultySpearman,
      test: { op: '>', bound: 0 },
      detail: `${referenceText(reference)}; all SACT by τ: ${all((r) => r.evaluation.difficultySpearman, 3)}`,
    });
    const ratio = reference.evaluation.msPerImageMasked / plain.evaluation.msPerImageMasked;
    add(PAPER_SAYS.time, {
      id: 'sact-time-ratio',
      text: 'the reference SACT runs faster than the plain network (ours: measured time per image with masked computation, SACT / plain)',
      reference: null,
      ours: ratio,
      unit: 'x',
      test: { op: '<', bound: 1 },
      detail: `plain ${fixed(plain.evaluation.msPerImageMasked, 3)} ms/img; ${sact
        .map(
          (r) =>
            `${r.variant.id} ${fixed(r.evaluation.msPerImageMasked, 3)} ms masked, ${fixed(r.evaluation.msPerImageDense, 3)} ms dense`,
        )
        .join('; ')} (reference: ${reference.variant.id})`,
    });
  }
  if (act.length > 0) {
    const deviation = (r: VariantResult) =>
      Math.max(
        Math.abs(r.evaluation.ponder.auc - 0.5),
        Math.abs(r.evaluation.ponder.boxMass - r.evaluation.ponder.boxArea),
      );
    add(PAPER_SAYS.actFlat, {
      id: 'act-flat',
      text: 'every ACT ponder map is constant per image (ours: the largest |AUC − ½| or |box mass − box area| share; ≤ 1e-6)',
      reference: null,
      ours: Math.max(...act.map(deviation)),
      test: { op: '<=', bound: 1e-6 },
      detail: act
        .map(
          (r) =>
            `${r.variant.id}: AUC ${fixed(r.evaluation.ponder.auc, 4)}, box mass ${pct(r.evaluation.ponder.boxMass)}, box area ${pct(r.evaluation.ponder.boxArea)}`,
        )
        .join('; '),
    });
  }
  if (pact.length > 0) {
    add(PAPER_SAYS.pactThreshold, {
      id: 'pact-threshold',
      text: `PACT's deterministic test-time rule (halt at the first h > 0.5) keeps the relaxed model's test accuracy within ${T.pactPoints} point (ours: the largest gap)`,
      reference: null,
      ours: Math.max(...pact.map((r) => 100 * Math.abs(r.evaluation.accuracy - r.relaxedAccuracy!))),
      unit: 'points',
      test: { op: '<=', bound: T.pactPoints },
      detail: pact
        .map(
          (r) =>
            `${r.variant.id}: thresholded ${pct(r.evaluation.accuracy)} vs relaxed ${pct(r.relaxedAccuracy!)} at ${fixed(r.evaluation.mflops)} MFLOPs`,
        )
        .join('; '),
    });
  }
  out.push(...sanityClaims(results, units).map((c) => ({ claim: c, paper: 'sanity (no paper number)' })));
  return out;
}

/** Claims that every network trained and was counted sanely. */
function sanityClaims(results: readonly VariantResult[], units: readonly number[]): Claim[] {
  const plain = plainOf(results).evaluation;
  const maxRho = units.map((l) => l + 1);
  const outOfRange = results.flatMap((r) =>
    r.evaluation.ponderPerStage.filter((rho, s) =>
      r.variant.name === 'plain'
        ? Math.abs(rho - maxRho[s]!) >= 1e-6
        : rho < (r.variant.name === 'PACT' ? 1 : 2) - 1e-6 || rho > maxRho[s]! + 1e-6,
    ),
  );
  return [
    claim({
      id: 'sanity.beats-chance',
      text: 'every network beats chance: the lowest test accuracy is above 20 %',
      reference: null,
      ours: 100 * Math.min(...results.map((r) => r.evaluation.accuracy)),
      unit: '%',
      test: { op: '>', bound: 20 },
      detail: results.map((r) => `${r.variant.id} ${pct(r.evaluation.accuracy)}`).join(', '),
    }),
    claim({
      id: 'sanity.flops-bounded',
      text: 'no adaptive network counts more than 1.05 times the plain FLOPs (its halting branches included)',
      reference: null,
      ours: Math.max(...results.map((r) => r.evaluation.mflops / plain.mflops)),
      unit: 'x',
      test: { op: '<=', bound: 1.05 },
      detail: results.map((r) => `${r.variant.id} ${fixed(r.evaluation.mflops)}`).join(', '),
    }),
    claim({
      id: 'sanity.rho-range',
      text: 'ρ per stage lies in [2, L + 1] for ACT/SACT, [1, L + 1] for PACT at test time, L + 1 for plain (ours: stages outside)',
      reference: null,
      ours: outOfRange.length,
      test: { op: '<=', bound: 0 },
      detail: results
        .map((r) => `${r.variant.id} [${r.evaluation.ponderPerStage.map((v) => fixed(v)).join(', ')}]`)
        .join('; '),
    }),
  ];
}

/** The printed table: one row per claim, agreeing with the claims (the same numbers and verdicts). */
export function claimTable(stated: readonly StatedClaim[]) {
  return stated.map(({ claim: c, paper }) => claimRow(c, paper, COMMAND));
}
