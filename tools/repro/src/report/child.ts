import { pathToFileURL } from 'node:url';
import { formatError } from '../cli.js';

/**
 * Entry of one run of `pnpm repro report`, in a process of its own: `child.ts <app entry path> [app options]`
 * imports the app's module and calls its `main(argv)`; the exit status is main's (1 with the message printed when
 * it throws), so that a failing app never stops the report.
 */
async function runChild(argv: readonly string[]): Promise<number> {
  const [entry, ...rest] = argv;
  try {
    if (entry === undefined) throw new Error('report child: argument <entry> (the app module) is missing');
    const module = (await import(pathToFileURL(entry).href)) as {
      main?: (argv: readonly string[]) => Promise<number>;
    };
    if (typeof module.main !== 'function') throw new Error(`${entry} must export main(argv)`);
    return await module.main(rest);
  } catch (error) {
    console.error(formatError(error, true));
    return 1;
  }
}

runChild(process.argv.slice(2)).then((status) => process.exit(status));
