// The dashboard's browser code (web/) and the server (src/) meet only at the build's manifest
// (dist/web/manifest.json, read at run time): neither imports the other, types included, as each is
// compiled under its own tsconfig (the DOM's lib there, Node's here). The browser's packages are
// listed, so a new one is a decision someone makes in this file.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB = join(ROOT, 'web');
const SRC = join(ROOT, 'src');

/** The packages the dashboard's bundle may import. */
const WEB_PACKAGES = ['preact', 'preact/hooks'];

/** Every module each TypeScript file under `dir` imports, type-only imports included: `file: specifier`. */
function importsUnder(dir: string): { file: string; specifier: string; target: string | null }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
    .flatMap((name) => {
      const file = join(dir, name);
      return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName }) => ({
        file: relative(ROOT, file),
        specifier: fileName,
        target: fileName.startsWith('.') ? resolve(dirname(file), fileName) : null,
      }));
    });
}

const inside = (dir: string, path: string) => !relative(dir, path).startsWith('..');

t.test('the browser code imports only its own modules, its stylesheet and its listed packages', async (t) => {
  const imports = importsUnder(WEB);
  t.ok(imports.length > 0, 'web/ has modules');
  const stray = imports.filter(({ specifier, target }) =>
    target === null ? !WEB_PACKAGES.includes(specifier) : !inside(WEB, target),
  );
  t.same(
    stray.map(({ file, specifier }) => `${file}: ${specifier}`),
    [],
    'each import that leaves web/',
  );
});

t.test('the server imports nothing from the browser code', async (t) => {
  const intoWeb = importsUnder(SRC).filter(({ target }) => target !== null && inside(WEB, target));
  t.same(
    intoWeb.map(({ file, specifier }) => `${file}: ${specifier}`),
    [],
    'each import of web/ from src/',
  );
});
