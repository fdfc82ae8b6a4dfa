import { cli } from './cli.js';

// `pnpm repro`: errors are printed by cli() (their message; the stack trace with --verbose).
cli(process.argv.slice(2)).then((status) => process.exit(status));
