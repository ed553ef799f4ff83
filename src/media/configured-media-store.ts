import type { OmniConfig } from '../config/load-config.js';
import { createLocalMediaStore } from './local-media-store.js';
import type { MediaStore } from './media-store.js';
import { createS3MediaStore } from './s3-media-store.js';

/** S3 when MEDIA_S3_BUCKET is set, otherwise the MEDIA_DIR directory. */
export function createConfiguredMediaStore(config: OmniConfig): MediaStore {
  const { s3Bucket, s3Endpoint, dir } = config.media;
  return s3Bucket
    ? createS3MediaStore({ bucket: s3Bucket, region: config.awsRegion, endpoint: s3Endpoint })
    : createLocalMediaStore(dir);
}
