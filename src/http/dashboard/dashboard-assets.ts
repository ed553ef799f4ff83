// The dashboard's bundle as `npm run build` left it (web/build.mjs): dist/web/manifest.json names
// a hashed script and stylesheet, read once at boot. The same path holds from src/ (the tests) and
// from dist/ (omni serve, the container image), as both sit one level under the repository's root.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_BUILD_DIR = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/** What web/build.mjs writes to manifest.json: the bundle's file names, hash included. */
interface WebManifest {
  script: string;
  style: string;
}

/** One bundled file, served from memory. */
export interface DashboardAsset {
  type: string;
  body: Buffer;
}

export interface DashboardAssets {
  /** The names the page links to (under /assets/). */
  script: string;
  style: string;
  /** Every servable file by name: only what the manifest names, so no request reaches the disk. */
  files: Map<string, DashboardAsset>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The built dashboard in `dir`, or null when it has not been built there (a Lambda bundle, a bare checkout). */
export function loadDashboardAssets(dir: string | undefined = WEB_BUILD_DIR): DashboardAssets | null {
  // A webpack bundle (the Lambda) has no file URL of its own to resolve the folder from, and no folder.
  if (typeof dir !== 'string') return null;
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as WebManifest;
  const files = new Map<string, DashboardAsset>();
  for (const name of [manifest.script, manifest.style]) {
    const type = TYPES[name.slice(name.lastIndexOf('.'))];
    if (!type || name.includes('/'))
      throw new Error(`${manifestPath} names ${name}, not a script or stylesheet beside it`);
    files.set(name, { type, body: readFileSync(join(dir, name)) });
  }
  return { script: manifest.script, style: manifest.style, files };
}
