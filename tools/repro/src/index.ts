export {
  type AppContext,
  type AppDefinition,
  type AppOutcome,
  type AppSpec,
  type Check,
  defineApp,
  RUN_OPTIONS,
  runApp,
  type StartedRun,
  startRun,
  validateConfig,
} from './app.js';
export { applyOverrides, type Config, listConfigs, loadConfig } from './config.js';
export { type AppEntry, type AppManifest, discoverApps, readAppManifest, readManifest } from './discover-apps.js';
export { runSmoke, type SmokeRun } from './run-smoke.js';
export {
  type ConfigSchema,
  formatIssues,
  nonNegativeInt,
  nonNegativeNumber,
  parseConfig,
  positiveInt,
  positiveNumber,
} from './schema.js';
