import type { Readable } from 'node:stream';

/** Bytes `start` to `end`, both inclusive, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObject {
  body: Readable;
  /** The whole object's size, whatever range was asked for. */
  size: number;
}

/** An object as a listing shows it. */
export interface ListedObject {
  key: string;
  size: number;
  /** When it was written: retention leaves a file younger than its grace period alone. */
  modifiedAt: Date;
}

/**
 * Where attachment bytes are kept: a local directory (embedded and standalone) or S3 (production).
 * Keys are content addresses (`sha256/<hex>`), so a `put` of a key that exists may be skipped and a
 * stored object never changes.
 */
export interface MediaStore {
  /** Stores `size` bytes under `key`; when the promise resolves the object is readable in full. */
  put(key: string, body: Readable, meta: { contentType: string; size: number }): Promise<void>;
  /** Reads an object, or `range` of it; undefined when the key is unknown. */
  get(key: string, range?: ByteRange): Promise<StoredObject | undefined>;
  exists(key: string): Promise<boolean>;
  /**
   * Every object under `MEDIA_KEY_PREFIX`, in pages of at most 1,000, in no promised order; what the
   * retention sweep reads. Files beside it (an operator's, or another application's in a shared
   * bucket) are not listed, so the sweep never sees them.
   */
  list(): AsyncIterable<ListedObject[]>;
  /** Removes these objects; a key already gone is no error. */
  delete(keys: string[]): Promise<void>;
}

/** How many objects a listing page holds at most: S3's own page size, and its DeleteObjects limit. */
export const MEDIA_PAGE_SIZE = 1000;

/** Where every key Omni writes lives: the folder of the local store, the prefix in S3. */
export const MEDIA_KEY_PREFIX = 'sha256/';

/** The content address of some bytes. */
export const mediaKey = (sha256Hex: string): string => `${MEDIA_KEY_PREFIX}${sha256Hex}`;

/**
 * Whether a key has the shape of one Omni writes: the retention sweep removes no other, even under
 * the prefix (a file someone put there by hand is theirs).
 */
export const isMediaKey = (key: string): boolean => /^sha256\/[0-9a-f]{64}$/.test(key);
