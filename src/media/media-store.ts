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
  /** Deletes an object (an erasure's); deleting a key that is not there succeeds, so a re-run is safe. */
  delete(key: string): Promise<void>;
}

/** The content address of some bytes. */
export const mediaKey = (sha256Hex: string): string => `sha256/${sha256Hex}`;
