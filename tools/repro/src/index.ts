export { type AppContext, type AppDefinition, type AppOutcome, type Check, runApp } from './app.js';
export { applyOverrides, type Config, listConfigs, loadConfig } from './config.js';
export { type AppEntry, discoverApps } from './discover-apps.js';
export { runSmoke, type SmokeRun } from './run-smoke.js';
