// `npm run build` bundles the dashboard (web/) into dist/web/: one script and one stylesheet, each
// named by a hash of its content so the server can let browsers keep them for a year, and
// manifest.json naming them, which is all the server reads (src/http/dashboard/dashboard-assets.ts).
// esbuild rather than Vite: it is one binary already in the tree, bundles TypeScript, JSX and CSS
// with no configuration file, and takes well under a second here.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'web');
const ENTRY = join(ROOT, 'web', 'main.tsx');

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
const result = await build({
  entryPoints: { dashboard: ENTRY },
  outdir: OUT,
  entryNames: '[name]-[hash]',
  bundle: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const [script, output] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint) ?? [];
if (!script || !output?.cssBundle) throw new Error('esbuild wrote no script and stylesheet for web/main.tsx');
const manifest = { script: basename(script), style: basename(output.cssBundle) };
await writeFile(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const sizes = Object.entries(result.metafile.outputs).map(([file, o]) => `${relative(ROOT, file)} ${o.bytes} B`);
console.log(`dashboard bundle: ${sizes.join(', ')}`);
