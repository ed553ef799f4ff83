import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, opendir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import {
  type ByteRange,
  type ListedObject,
  MEDIA_KEY_PREFIX,
  MEDIA_PAGE_SIZE,
  type MediaStore,
  type StoredObject,
} from './media-store.js';

/**
 * Every file under `dir`, depth first, as store keys (`/`-separated). Dot-names are left out: they
 * are `put`'s temporary files, not objects. The directory is read as a stream, not all at once.
 */
async function* walk(root: string, dir: string): AsyncGenerator<ListedObject> {
  const entries = await opendir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined; // nothing stored yet
    throw error;
  });
  if (!entries) return;
  for await (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(root, path);
    else if (entry.isFile()) {
      // Removed since the directory was read (a concurrent prune): not an object any more.
      const info = await stat(path).catch(() => undefined);
      if (info) yield { key: relative(root, path).split(sep).join('/'), size: info.size, modifiedAt: info.mtime };
    }
  }
}

/**
 * A MediaStore in a local directory, for embedded and standalone mode. An object is written to a
 * temporary name and renamed into place, so a reader never sees half a file and a crash leaves no
 * object behind under its real key.
 */
export function createLocalMediaStore(dir: string): MediaStore {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    const path = resolve(root, key);
    // Keys are our own content addresses; this keeps any other key from leaving the directory.
    if (!path.startsWith(root + sep)) throw new Error(`media key outside the store: ${key}`);
    return path;
  };
  const sizeOf = async (key: string) => (await stat(pathOf(key)).catch(() => undefined))?.size;

  return {
    async put(key, body: Readable) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.part`);
      try {
        await pipeline(body, createWriteStream(temporary));
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async get(key, range?: ByteRange): Promise<StoredObject | undefined> {
      const size = await sizeOf(key);
      if (size === undefined) return undefined;
      return { body: createReadStream(pathOf(key), range ?? {}), size };
    },
    async exists(key) {
      return (await sizeOf(key)) !== undefined;
    },
    async *list() {
      let page: ListedObject[] = [];
      // Only Omni's folder: MEDIA_DIR may hold other files, which are not the store's to list.
      for await (const object of walk(root, join(root, MEDIA_KEY_PREFIX))) {
        page.push(object);
        if (page.length === MEDIA_PAGE_SIZE) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
    async delete(keys) {
      for (const key of keys) await rm(pathOf(key), { force: true });
    },
  };
}
