/**
 * How every Lambda function is bundled, in one place: the house construct runs this for each
 * function at synth (infra/constructs/televisit-function.ts), and `npm run bench` runs the same
 * to measure bundle sizes and cold starts. esbuild, one ES module per function (and chunks it
 * loads on demand), minified, for Node.js 22, no source maps (a map makes Node slower to start
 * and is no help without the sources), and:
 *  - the AWS SDK bundled, not the runtime's copy, so AWS runs the version the tests ran;
 *  - its credentials from the environment only: Lambda puts the role's credentials there, so
 *    the SDK's other sources (SSO, profiles, web identity, instance metadata) are never used
 *    by a function, and are left out instead of lying in the bundle.
 *
 * Usage (a subprocess of synth, because esbuild plugins need its asynchronous API):
 *   tsx infra/bundling/bundle.ts <entry.ts> <output directory>
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The SDK's browser user-agent parser (bowser), which it never loads on Node. */
const noBrowserParsing: Plugin = {
  name: 'no-browser-parsing',
  setup(b) {
    b.onResolve({ filter: /^bowser$/ }, () => ({ path: 'bowser', namespace: 'no-bowser' }));
    b.onLoad({ filter: /.*/, namespace: 'no-bowser' }, () => ({
      contents: 'export const parse = () => ({}); export default { parse };',
    }));
  },
};

/** Lambda's credentials are always in the environment: the default chain, reduced to that. */
const lambdaCredentials: Plugin = {
  name: 'lambda-credentials',
  setup(b) {
    b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({
      path: join(root, 'infra/bundling/lambda-credentials.ts'),
    }));
  },
};

export function bundleOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: { index: resolve(root, entry) },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: false,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [lambdaCredentials, noBrowserParsing],
    logLevel: 'warning',
    // Some CommonJS dependencies call require() for Node built-ins; ESM has no require.
    banner: {
      js: "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);",
    },
  };
}

export async function bundleFunction(entry: string, outdir: string): Promise<void> {
  await build(bundleOptions(entry, outdir));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, outdir] = process.argv.slice(2);
  if (!entry || !outdir) throw new Error('usage: bundle.ts <entry> <outdir>');
  await bundleFunction(entry, outdir);
}
