import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { OmniError } from '../errors.js';
import { MEDIA_KEY_PREFIX, MEDIA_PAGE_SIZE, type MediaStore } from './media-store.js';

export interface S3MediaStoreOptions {
  bucket: string;
  region: string;
  /** A local S3 (AWS_ENDPOINT_URL_S3): addressed path-style with placeholder credentials, as emulators expect. */
  endpoint?: string;
}

const isMissing = (error: unknown) => error instanceof NoSuchKey || error instanceof NotFound;

/** A MediaStore in an S3 bucket, for production; the bucket is created by the deployment, not here. */
export function createS3MediaStore(options: S3MediaStoreOptions): MediaStore & { client: S3Client } {
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          forcePathStyle: true,
          // As for SQS: a local emulator accepts any key; AWS's default chain would look for real ones.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  const Bucket = options.bucket;
  return {
    client,
    async put(key, body, meta) {
      await client.send(
        new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: meta.contentType, ContentLength: meta.size }),
      );
    },
    async get(key, range) {
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket, Key: key, Range: range && `bytes=${range.start}-${range.end}` }),
        );
        // Content-Range ends in the whole size; without a range, the length is the size.
        const total = object.ContentRange ? Number(object.ContentRange.split('/')[1]) : Number(object.ContentLength);
        return { body: object.Body as Readable, size: total };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async *list() {
      const pages = paginateListObjectsV2({ client, pageSize: MEDIA_PAGE_SIZE }, { Bucket, Prefix: MEDIA_KEY_PREFIX });
      for await (const page of pages) {
        const objects = (page.Contents ?? []).flatMap(({ Key, Size, LastModified }) =>
          Key !== undefined && LastModified !== undefined
            ? [{ key: Key, size: Number(Size ?? 0), modifiedAt: LastModified }]
            : [],
        );
        if (objects.length > 0) yield objects;
      }
    },
    async delete(keys) {
      for (let start = 0; start < keys.length; start += MEDIA_PAGE_SIZE) {
        const batch = keys.slice(start, start + MEDIA_PAGE_SIZE);
        // Quiet: S3 then answers only the keys it could not delete (a missing key counts as deleted).
        const answer = await client.send(
          new DeleteObjectsCommand({ Bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        );
        const [failed, ...more] = answer.Errors ?? [];
        if (failed)
          throw new OmniError(
            'OMNI_ERR_MEDIA_UNAVAILABLE',
            `S3 did not delete ${more.length + 1} object(s), ${failed.Key}: ${failed.Code} ${failed.Message}`,
          );
      }
    },
  };
}
