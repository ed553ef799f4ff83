import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import type { ByteRange, MediaStore, StoredObject } from './media-store.js';

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
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
