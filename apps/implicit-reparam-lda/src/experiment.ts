import { describeBackend, foldIn, type Seed } from '@proj/core';
import type { AppContext, AppOutcome, Claim } from '@proj/repro';
import { formatTable, toCsv, writePlot } from '@proj/run';
import * as tf from '@tensorflow/tfjs-core';
import { batchIndices } from './batches.js';
import { ldaClaims, type MethodCurve } from './claims.js';
import type { LdaConfig, MethodConfig } from './config.js';
import { type Corpus, type Documents, drawCorpus, oraclePerplexity } from './corpus.js';
import { matchTopics } from './match.js';
import { createModel, implicitLoss, type LdaModel, perplexity, scoreFunctionLoss, topicWords } from './model.js';
import { PAPER } from './paper.js';
import { type MatchRow, matchChart, perplexityChart } from './plot.js';

const COMMAND = 'pnpm repro implicit-reparam-lda';

/** One evaluation of one method. */
type EvaluationRecord = {
  readonly method: string;
  readonly step: number;
  readonly perplexity: number;
  readonly kl: number;
  readonly matchedCosine: number;
};

interface MethodResult {
  readonly config: MethodConfig;
  readonly records: readonly EvaluationRecord[];
  /** Per true topic: cosine similarity of its matched learned topic, at the end. */
  readonly cosines: readonly number[];
  readonly msPerStep: number;
}

/** A document set as tensors: counts [D, V] and lengths [D]. */
interface DocumentTensors {
  readonly counts: tf.Tensor2D;
  readonly lengths: tf.Tensor1D;
}

const toTensors = (docs: Documents, vocabulary: number): DocumentTensors => ({
  counts: tf.tensor2d(docs.counts, [docs.lengths.length, vocabulary]),
  lengths: tf.tensor1d(Float32Array.from(docs.lengths)),
});

/**
 * Draws a synthetic LDA corpus, then trains the amortized LDA once per method (implicit Dirichlet gradients, score
 * function) from the same initialization and the same mini-batches with Adam, evaluating the held-out perplexity
 * and the recovered topics as it goes; then the figures, the table and the claims.
 */
export async function runLda(config: LdaConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend: backendInfo, reporter, run } = context;
  const backend = describeBackend(backendInfo);
  const corpus = drawCorpus(config.corpus, foldIn(seed, 'corpus'));
  const oracle = oraclePerplexity(corpus, corpus.test);
  const train = toTensors(corpus.train, config.corpus.vocabulary);
  const test = toTensors(corpus.test, config.corpus.vocabulary);
  const results: MethodResult[] = [];
  try {
    reporter.start(config.methods.length * config.training.steps, 'lda');
    // Units of work (resumable): one per method. A method draws its mini-batches from foldIn(seed, 'batches'), its
    // initialization from foldIn(seed, 'init') and its θ draws from foldIn(seed, label), never from state of an
    // earlier method, so a resumed run ends as an uninterrupted one.
    for (const [index, method] of config.methods.entries()) {
      results.push(
        await context.unit(`method ${method.label}`, () =>
          trainMethod(config, method, corpus, { train, test }, seed, context, (step, metrics) => {
            reporter.tick(index * config.training.steps + step, metrics);
          }),
        ),
      );
    }
    reporter.done();
  } finally {
    tf.dispose([train.counts, train.lengths, test.counts, test.lengths]);
  }

  const records = results.flatMap((r) => r.records);
  await writePlot(run.dir, 'perplexity', perplexityChart(records, oracle));
  const matchRows: MatchRow[] = results.flatMap((r) =>
    r.cosines.map((cosine, topic) => ({ topic, method: r.config.label, cosine })),
  );
  await writePlot(run.dir, 'topic-match', matchChart(matchRows));
  const methods = results.map(summarize);
  run.writeFile('methods.csv', toCsv(methods));
  reporter.log(`\n${formatTable(methods)}\n`);
  const claims = ldaClaims(results.map(curve));
  return {
    table: table(claims, results, oracle),
    summary: { backend, corpus: config.corpus, oraclePerplexity: oracle, methods },
    claims,
  };
}

/**
 * Adam on −ELBO with the method's gradient estimator for the posterior; every evaluation (held-out perplexity,
 * mean KL, mean matched cosine of the topics) is appended to metrics.jsonl as it comes.
 */
async function trainMethod(
  config: LdaConfig,
  method: MethodConfig,
  corpus: Corpus,
  data: { readonly train: DocumentTensors; readonly test: DocumentTensors },
  seed: Seed,
  { run, checkpoint }: AppContext,
  tick: (step: number, metrics: { perplexity: number }) => void,
): Promise<MethodResult> {
  const { corpus: c, model: m, training, evaluation } = config;
  const model = createModel(c.vocabulary, c.topics, m.hidden, foldIn(seed, 'init'));
  const optimizer = tf.train.adam(training.learningRate);
  const nextBatch = batchIndices(c.trainDocuments, training.batchSize, foldIn(seed, 'batches'));
  const methodSeed = foldIn(seed, method.label);
  const decay = method.baselineDecay ?? 0.9;
  // The moving-average baseline stays on the backend: no read-back inside a training step.
  let baseline: tf.Scalar | undefined;
  const records: EvaluationRecord[] = [];
  let trainingMs = 0;
  try {
    for (let step = 1; step <= training.steps; step++) {
      await checkpoint();
      const started = performance.now();
      const indices = tf.tensor1d(nextBatch(), 'int32');
      const counts = tf.gather(data.train.counts, indices) as tf.Tensor2D;
      const lengths = tf.gather(data.train.lengths, indices) as tf.Tensor1D;
      const stepSeed = foldIn(methodSeed, step);
      if (method.estimator === 'implicit') {
        optimizer.minimize(() => implicitLoss(model, counts, m.priorConcentration, stepSeed), false);
      } else {
        let perWord: tf.Scalar | undefined;
        optimizer.minimize(() => {
          const { loss, logLikelihoodPerWord } = scoreFunctionLoss(
            model,
            counts,
            lengths,
            m.priorConcentration,
            baseline,
            stepSeed,
          );
          perWord = tf.keep(logLikelihoodPerWord);
          return loss;
        }, false);
        const previous = baseline;
        baseline = tf.tidy(() =>
          previous === undefined
            ? perWord!.clone()
            : (tf.add(tf.mul(previous, decay), tf.mul(perWord!, 1 - decay)) as tf.Scalar),
        );
        tf.dispose([previous, perWord].filter((t): t is tf.Scalar => t !== undefined));
      }
      tf.dispose([indices, counts, lengths]);
      trainingMs += performance.now() - started;
      if (step % evaluation.every === 0 || step === training.steps || step === 1) {
        const record = evaluate(
          model,
          corpus,
          data.test,
          config,
          method.label,
          step,
          foldIn(methodSeed, `eval ${step}`),
        );
        records.push(record.record);
        run.appendMetrics(record.record);
        tick(step, { perplexity: record.record.perplexity });
      }
    }
    const finalMatch = matchTopics(corpus.topics, learnedTopics(model));
    return { config: method, records, cosines: finalMatch.cosines, msPerStep: trainingMs / training.steps };
  } finally {
    optimizer.dispose();
    if (baseline !== undefined) baseline.dispose();
    tf.dispose(model.variables as tf.Variable[]);
  }
}

/** β as K host arrays of V probabilities. */
function learnedTopics(model: LdaModel): Float32Array[] {
  const beta = topicWords(model);
  const values = beta.dataSync() as Float32Array;
  const [k, v] = beta.shape;
  beta.dispose();
  return Array.from({ length: k }, (_, i) => values.slice(i * v, (i + 1) * v));
}

function evaluate(
  model: LdaModel,
  corpus: Corpus,
  test: DocumentTensors,
  config: LdaConfig,
  method: string,
  step: number,
  seed: Seed,
): { record: EvaluationRecord } {
  const { perplexity: value, kl } = perplexity(
    model,
    test.counts,
    test.lengths,
    config.model.priorConcentration,
    config.evaluation.samples,
    seed,
  );
  const matchedCosine = matchTopics(corpus.topics, learnedTopics(model)).meanCosine;
  return { record: { method, step, perplexity: value, kl, matchedCosine } };
}

/** The last evaluation of a method. */
function summarize(result: MethodResult) {
  const last = result.records[result.records.length - 1]!;
  return {
    method: result.config.label,
    'final held-out perplexity': last.perplexity,
    'best held-out perplexity': Math.min(...result.records.map((r) => r.perplexity)),
    'final mean KL': last.kl,
    'final mean matched cosine': last.matchedCosine,
    'ms per step': result.msPerStep,
  };
}

const finalOf = (r: MethodResult) => r.records[r.records.length - 1]!;
const fixed = (v: number, digits = 1) => v.toFixed(digits);

/** What the claims read of a method's run. */
const curve = (r: MethodResult): MethodCurve => ({
  label: r.config.label,
  estimator: r.config.estimator,
  evaluations: r.records,
  matchedCosine: finalOf(r).matchedCosine,
});

/** The paper's qualitative statement behind each claim (src/paper.ts). */
const PAPER_TEXT: Readonly<Record<string, string>> = {
  learns: '–',
  'implicit-lower-perplexity': PAPER.claims.perplexity,
  'implicit-trains-faster': PAPER.claims.speed,
  'implicit-better-topics': PAPER.claims.topics,
};

/** The claims next to the paper's statements, and the TFP example's 20 Newsgroups number (not comparable). */
function table(claims: readonly Claim[], results: readonly MethodResult[], oracle: number) {
  const implicit = results.find((r) => r.config.estimator === 'implicit');
  return [
    ...claims.map((c) => ({ claim: c.id, paper: PAPER_TEXT[c.id]!, ours: c.detail!, command: COMMAND })),
    {
      claim: 'test perplexity (TFP example, 20 Newsgroups, K = 50)',
      paper: String(PAPER.tfpExampleTestPerplexity),
      ours: `not comparable: synthetic corpus; implicit ${implicit === undefined ? '–' : fixed(finalOf(implicit).perplexity)}, oracle ${fixed(oracle)}`,
      command: COMMAND,
    },
  ];
}
