/** One number the tutorial reports, with where the project research notes record it. */
export interface TutorialNumber {
  readonly value: number;
  readonly unit: 'accuracy %' | 'parameters' | 'x' | 'epochs';
  /** Where the number is written down: the research notes' section and the T3F source it summarises. */
  readonly provenance: string;
}

/** A claim of T3F's tensor-nets tutorial and its numbers. */
export interface TutorialClaim {
  readonly id: 'ttNet' | 'ttLayerParameters' | 'denseNet' | 'compressed' | 'fineTuned';
  readonly claim: string;
  /** What the tutorial reports, as text for the table. */
  readonly tutorial: string;
  readonly numbers: Readonly<Record<string, TutorialNumber>>;
}

const NOTEBOOK = 'T3F docs/tutorials/tensor_nets.ipynb';
const NOTES = (section: string) => `t3f-spec.md ${section} (${NOTEBOOK})`;
const SECTION5 = NOTES('§5 item 4');

/**
 * T3F's "tensor nets" tutorial (Novikov et al., T3F, JMLR 2020; after Novikov et al., Tensorizing Neural
 * Networks, NIPS 2015) on MNIST with 60,000 training digits scaled to [−1, 1], as the project research notes
 * record it (t3f-spec.md §5 item 4; the layer: §1.8 `nn.KerasDense`, §2.12). Only numbers the notes give.
 */
export const TUTORIAL: readonly TutorialClaim[] = [
  {
    id: 'ttNet',
    claim: 'network with a TT 784→625 hidden layer ([7,4,7,4]→[5,5,5,5], rank 4, ReLU) → Dense(10): accuracy',
    tutorial: '96.38 % (Adam 1e-2, 3 epochs, batch 64)',
    numbers: {
      accuracy: { value: 96.38, unit: 'accuracy %', provenance: SECTION5 },
      epochs: { value: 3, unit: 'epochs', provenance: SECTION5 },
    },
  },
  {
    id: 'ttLayerParameters',
    claim: 'parameters of the 784→625 hidden layer: TT (rank 4) vs dense',
    tutorial: '1,725 (TT, with bias) vs 490,000 weights + 625 bias: 445x compression of the weight matrix',
    numbers: {
      ttLayer: { value: 1725, unit: 'parameters', provenance: `${SECTION5}; formula ${NOTES('§2.12')}` },
      denseWeights: { value: 490_000, unit: 'parameters', provenance: SECTION5 },
      weightCompression: { value: 445, unit: 'x', provenance: SECTION5 },
    },
  },
  {
    id: 'denseNet',
    claim: 'dense 784-625-10 network: accuracy and parameters',
    tutorial: '97.14 % with 496,885 parameters (Adam 1e-3, 5 epochs)',
    numbers: {
      accuracy: { value: 97.14, unit: 'accuracy %', provenance: SECTION5 },
      parameters: { value: 496_885, unit: 'parameters', provenance: SECTION5 },
      epochs: { value: 5, unit: 'epochs', provenance: SECTION5 },
    },
  },
  {
    id: 'compressed',
    claim: 'the trained dense layer compressed by TT-SVD at rank 16 (ranks 1,16,16,16,1): accuracy right after',
    tutorial: '64.43 %; TT layer 15,585 parameters, model 21,845 (~4.4 % of 496,885)',
    numbers: {
      accuracy: { value: 64.43, unit: 'accuracy %', provenance: SECTION5 },
      ttLayer: { value: 15_585, unit: 'parameters', provenance: SECTION5 },
      model: { value: 21_845, unit: 'parameters', provenance: SECTION5 },
    },
  },
  {
    id: 'fineTuned',
    claim: 'the rank-16 compressed network after fine-tuning (Adam 1e-3, 2 epochs)',
    tutorial: '97.65 % (above the dense network)',
    numbers: {
      accuracy: { value: 97.65, unit: 'accuracy %', provenance: SECTION5 },
      epochs: { value: 2, unit: 'epochs', provenance: SECTION5 },
    },
  },
];

/** The claim with `id`. */
export function tutorialClaim(id: TutorialClaim['id']): TutorialClaim {
  return TUTORIAL.find((c) => c.id === id)!;
}
