/**
 * Writes src/backend/tfjs-gradients.generated.js: the gradient configs of every tfjs kernel, taken from
 * @tensorflow/tfjs-core's own ES modules and bundled into one module that `registerAllGradients` loads.
 *
 * Why a generated copy: tfjs-core's Node (CommonJS) bundle registers no gradients, and its ES modules use
 * extensionless imports that plain Node cannot load. tfjs-layers solves this by shipping its own bundled copy
 * of the same configs (31 MB package); this module is that copy alone (about 130 kB). Imports of names that
 * tfjs-core exports publicly are rewritten to `@tensorflow/tfjs-core`, so the configs call the consumer's own
 * tfjs ops; the few internal helpers tfjs-core does not export (backprop ops, tensor conversion) are bundled.
 * The engine and the kernel and gradient registries are process-global in tfjs (`getGlobal`), so the bundled
 * helpers share them with the consumer's tfjs-core.
 *
 * Run after upgrading @tensorflow/tfjs-core: cd packages/core && node --import tsx scripts/bundle-tfjs-gradients.ts
 * (src/backend/tfjs-gradients.test.ts fails while the committed file differs from a fresh bundle).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(packageDir, 'package.json'));

/** Where the generated module goes, relative to packages/core. */
export const GENERATED_PATH = 'src/backend/tfjs-gradients.generated.js';

const IMPORT = /^import\s+(?:\{([^}]*)\}|\*\s+as\s+(\w+))\s+from\s+'([^']+)';$/gm;
/** tfjs-core namespaces that re-export internal helpers (`backend_util.getReductionAxes`, ...). */
const PUBLIC_NAMESPACES = ['backend_util', 'tensor_util', 'slice_util', 'util'] as const;

/** Rewrites relative imports whose names tfjs-core exports publicly into imports of the package itself. */
function publicImports(tf: Record<string, unknown>): Plugin {
  return {
    name: 'tfjs-core-public-imports',
    setup(builder) {
      builder.onLoad({ filter: /tfjs-core[\\/]dist[\\/].*\.js$/ }, (args) => {
        let counter = 0;
        const contents = readFileSync(args.path, 'utf8').replace(IMPORT, (line, names, namespace, specifier) => {
          if (!specifier.startsWith('.')) return line;
          if (namespace !== undefined) {
            const name = specifier.split('/').pop()!;
            return typeof tf[name] === 'object'
              ? `import { ${name} as ${namespace} } from '@tensorflow/tfjs-core';`
              : line;
          }
          const parts = (names as string)
            .split(',')
            .map((part) => part.trim())
            .filter((part) => part !== '')
            .map((part) => part.split(/\s+as\s+/) as [string, string?]);
          if (parts.every(([name]) => name in tf)) return `import { ${names} } from '@tensorflow/tfjs-core';`;
          for (const space of PUBLIC_NAMESPACES) {
            const members = tf[space] as Record<string, unknown> | undefined;
            if (members !== undefined && parts.every(([name]) => name in members)) {
              const local = `__${space}${counter++}`;
              const bindings = parts.map(([name, alias]) => (alias === undefined ? name : `${name}: ${alias}`));
              return `import { ${space} as ${local} } from '@tensorflow/tfjs-core'; const { ${bindings.join(', ')} } = ${local};`;
            }
          }
          if (parts.length === 1 && parts[0]![0] === 'ENGINE') {
            return "import { engine as __engine } from '@tensorflow/tfjs-core'; const ENGINE = __engine();";
          }
          return line;
        });
        return { contents, loader: 'js' };
      });
    },
  };
}

/** The generated module's text. */
export async function bundleTfjsGradients(): Promise<string> {
  const tf = require('@tensorflow/tfjs-core') as Record<string, unknown> & { version_core: string };
  const registerAll = require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const imports = [...readFileSync(registerAll, 'utf8').matchAll(/^import \{ (\w+GradConfig) \} from '(.+)';$/gm)];
  const entry = [
    ...imports.map(([, name, from]) => `import { ${name} } from '${join(dirname(registerAll), from!)}.js';`),
    `export const GRADIENT_CONFIGS = [${imports.map(([, name]) => name).join(', ')}];`,
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    external: ['@tensorflow/tfjs-core'],
    plugins: [publicImports(tf)],
    logLevel: 'silent',
    absWorkingDir: packageDir,
  });
  const code = result.outputFiles[0]!.text.replace(
    /^\/\/ .*node_modules\/.*@tensorflow\/tfjs-core\//gm,
    '// tfjs-core/',
  );
  const header = [
    '// Generated by scripts/bundle-tfjs-gradients.ts from @tensorflow/tfjs-core',
    `// ${tf.version_core} (Apache-2.0, Copyright Google LLC): the gradient configs of every kernel. Do not edit.`,
    '',
  ].join('\n');
  return `${header}${code}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(packageDir, GENERATED_PATH), await bundleTfjsGradients());
  console.log(`wrote ${GENERATED_PATH}`);
}
