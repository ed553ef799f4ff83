import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { MediaStore } from './media-store.js';

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
    async delete(key) {
      // S3 answers a delete of a missing key with success too.
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
