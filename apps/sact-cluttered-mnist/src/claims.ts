import type { Check } from '@proj/repro';
import { PAPER, type PaperClaim } from './paper.js';
import { family, plainOf, referenceSact, type VariantResult } from './results.js';

const COMMAND = 'pnpm repro sact-cluttered-mnist';
/** Accuracy drop (points) within which a SACT model counts as "nearly as accurate" (research notes §2.6). */
export const DROP_POINTS = 1;

/** Fixed-point text of a number; an en dash for none or NaN. */
const fixed = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits);
const pct = (v: number) => `${fixed(100 * v, 1)} %`;
const label = (r: VariantResult) => r.variant.id;

/** Whether our numbers meet `claim`'s threshold, and what they are; undefined when the run lacks the variants. */
function assess(claim: PaperClaim, results: readonly VariantResult[]): { pass: boolean; ours: string } | undefined {
  const t = claim.threshold;
  const plain = plainOf(results).evaluation;
  const sact = family(results, 'SACT');
  const reference = referenceSact(results, DROP_POINTS);
  const refText = (r: VariantResult) =>
    `${label(r)} (fewest FLOPs within ${DROP_POINTS} point of plain, else the most accurate SACT)`;
  switch (t.kind) {
    case 'saving': {
      if (sact.length === 0) return undefined;
      const rows = sact.map((r) => {
        const saving = 1 - r.evaluation.mflops / plain.mflops;
        const drop = 100 * (plain.accuracy - r.evaluation.accuracy);
        return { r, saving, drop, pass: saving >= t.saving && drop <= t.drop };
      });
      return {
        pass: rows.some((row) => row.pass),
        ours:
          `plain ${pct(plain.accuracy)} at ${fixed(plain.mflops)} MFLOPs/img; ` +
          rows
            .map(
              (row) =>
                `${label(row.r)}: ${pct(row.r.evaluation.accuracy)} at ${fixed(row.r.evaluation.mflops)} MFLOPs ` +
                `(${fixed(100 * row.saving, 0)} % of the FLOPs saved, ${fixed(-row.drop, 1)} points of accuracy)`,
            )
            .join('; '),
      };
    }
    case 'monotone': {
      if (sact.length < 2) return undefined;
      return {
        pass: sact.every((r, k) => k === 0 || r.evaluation.mflops < sact[k - 1]!.evaluation.mflops),
        ours: `SACT MFLOPs/img by τ: ${sact.map((r) => `${r.variant.tau} → ${fixed(r.evaluation.mflops)}`).join(', ')}`,
      };
    }
    case 'onDigit': {
      if (reference === undefined) return undefined;
      const p = reference.evaluation.ponder;
      return {
        pass: p.digitToBackground >= t.ratio && p.auc >= t.auc,
        ours: `${refText(reference)}: digit / background ${fixed(p.digitToBackground, 3)}, AUC ${fixed(p.auc, 3)}; all SACT AUCs: ${sact.map((r) => `${r.variant.tau} → ${fixed(r.evaluation.ponder.auc, 3)}`).join(', ')}`,
      };
    }
    case 'boxMass': {
      if (reference === undefined) return undefined;
      const p = reference.evaluation.ponder;
      return {
        pass: p.boxMass > p.boxArea,
        ours:
          `${refText(reference)}: ${pct(p.boxMass)} of the ponder mass (${pct(p.boxExcessMass)} of the mass above ` +
          `the floor of 2 per stage) inside the box, which covers ${pct(p.boxArea)} of the canvas`,
      };
    }
    case 'actFlat': {
      const act = family(results, 'ACT');
      if (act.length === 0) return undefined;
      return {
        pass: act.every(
          (r) =>
            Math.abs(r.evaluation.ponder.auc - 0.5) <= t.tolerance &&
            Math.abs(r.evaluation.ponder.boxMass - r.evaluation.ponder.boxArea) <= t.tolerance,
        ),
        ours: act
          .map(
            (r) =>
              `${label(r)}: AUC ${fixed(r.evaluation.ponder.auc, 4)}, box mass ${pct(r.evaluation.ponder.boxMass)} = box area ${pct(r.evaluation.ponder.boxArea)}`,
          )
          .join('; '),
      };
    }
    case 'difficulty': {
      if (reference === undefined) return undefined;
      return {
        pass: reference.evaluation.difficultySpearman > 0,
        ours: `${refText(reference)}: Spearman ${fixed(reference.evaluation.difficultySpearman, 3)}; all SACT: ${sact.map((r) => `${r.variant.tau} → ${fixed(r.evaluation.difficultySpearman, 3)}`).join(', ')}`,
      };
    }
    case 'pactThreshold': {
      const pact = family(results, 'PACT');
      if (pact.length === 0) return undefined;
      const gaps = pact.map((r) => 100 * Math.abs(r.evaluation.accuracy - r.relaxedAccuracy!));
      return {
        pass: gaps.every((g) => g <= t.points),
        ours: pact
          .map(
            (r) =>
              `${label(r)}: thresholded ${pct(r.evaluation.accuracy)} vs relaxed ${pct(r.relaxedAccuracy!)} at ${fixed(r.evaluation.mflops)} MFLOPs`,
          )
          .join('; '),
      };
    }
  }
}

/** The paper's claims (src/paper.ts) next to ours. */
export function claims(results: readonly VariantResult[]) {
  return PAPER.flatMap((claim) => {
    const result = assess(claim, results);
    return result === undefined
      ? []
      : [{ claim: claim.claim, paper: claim.paper, ours: result.ours, command: COMMAND }];
  });
}

/** A readable statement of a claim's threshold. */
function thresholdText(claim: PaperClaim): string {
  const t = claim.threshold;
  switch (t.kind) {
    case 'saving':
      return `some SACT τ saves ≥ ${100 * t.saving} % of the plain FLOPs at ≤ ${t.drop} point of accuracy lost`;
    case 'monotone':
      return "SACT's FLOPs decrease strictly as τ grows";
    case 'onDigit':
      return `reference SACT: ponder map on digit / background ≥ ${t.ratio} and per-image ROC-AUC ≥ ${t.auc}`;
    case 'boxMass':
      return "reference SACT: ponder mass inside the digit's box > the box's share of the canvas";
    case 'actFlat':
      return 'every ACT ponder map is constant per image (AUC 0.5, box mass = box area)';
    case 'difficulty':
      return 'reference SACT: Spearman(mean ponder cost, 1 − confidence) > 0';
    case 'pactThreshold':
      return `every PACT: |thresholded − relaxed| test accuracy ≤ ${t.points} point`;
  }
}

/** The claims as checks, with the research notes' thresholds (they may fail: reported, not hidden). */
export function claimChecks(results: readonly VariantResult[]): Check[] {
  return PAPER.flatMap((claim) => {
    const result = assess(claim, results);
    return result === undefined
      ? []
      : [
          {
            name: `claim ${claim.id} (threshold of ${claim.provenance.threshold}): ${thresholdText(claim)}`,
            pass: result.pass,
            detail: result.ours,
          },
        ];
  });
}

/** Checks that every network trained and was counted sanely. */
export function sanityChecks(results: readonly VariantResult[], units: readonly number[]): Check[] {
  const plain = plainOf(results).evaluation;
  const maxRho = units.map((l) => l + 1);
  return [
    {
      name: 'every network beats chance (test accuracy > 20 %)',
      pass: results.every((r) => r.evaluation.accuracy > 0.2),
      detail: `lowest ${pct(Math.min(...results.map((r) => r.evaluation.accuracy)))}`,
    },
    {
      name: 'no adaptive network counts more FLOPs than the plain one plus its halting branches (≤ 1.05 ×), the plain one has no spread',
      pass:
        plain.mflopsStd === 0 &&
        results.every((r) => r.evaluation.mflops <= 1.05 * plain.mflops && r.evaluation.mflops > 0),
      detail: results.map((r) => `${label(r)} ${fixed(r.evaluation.mflops)}`).join(', '),
    },
    {
      name: 'ρ per stage lies in [1, L + 1] (ACT/SACT: [2, L + 1]; PACT at test time: N ∈ [1, L]); plain: L + 1',
      pass: results.every((r) =>
        r.evaluation.ponderPerStage.every((rho, s) =>
          r.variant.name === 'plain'
            ? Math.abs(rho - maxRho[s]!) < 1e-6
            : rho >= (r.variant.name === 'PACT' ? 1 : 2) - 1e-6 && rho <= maxRho[s]! + 1e-6,
        ),
      ),
      detail: results
        .map((r) => `${label(r)} [${r.evaluation.ponderPerStage.map((v) => fixed(v)).join(', ')}]`)
        .join('; '),
    },
  ];
}
