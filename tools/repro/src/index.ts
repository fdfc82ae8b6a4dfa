export {
  type AppContext,
  type AppDefinition,
  type AppOutcome,
  type AppSpec,
  type BenchmarkRatio,
  defineApp,
  type ExecuteOptions,
  type Execution,
  executeRun,
  parseSeed,
  type ResumedRun,
  RUN_OPTION_SPEC,
  RUN_OPTIONS,
  RunInterrupted,
  resumeRun,
  runApp,
  type StartedRun,
  startRun,
  validateConfig,
} from './app.js';
export {
  type Claim,
  type ClaimSpec,
  type ClaimTest,
  claim,
  claimRow,
  formatClaim,
  formatNumber,
  formatTest,
  holds,
  type Reference,
  withUnit,
} from './claim.js';
export { cli, formatError } from './cli.js';
export {
  type CompareResumeOptions,
  compareResume,
  type ResumeComparison,
  type ResumeFacts,
} from './compare-resume.js';
export { applyOverrides, type Config, listConfigs, loadConfig } from './config.js';
export { type AppEntry, type AppManifest, discoverApps, readAppManifest, readManifest } from './discover-apps.js';
export {
  comparableMetrics,
  comparableResults,
  type InterruptedSmokeRun,
  interruptSmoke,
  resumeSmoke,
  runSmoke,
  type SmokeOptions,
  type SmokeRun,
} from './run-smoke.js';
export {
  type ConfigSchema,
  formatIssues,
  nonNegativeInt,
  nonNegativeNumber,
  parseConfig,
  positiveInt,
  positiveNumber,
} from './schema.js';
