import { SQSClient } from '@aws-sdk/client-sqs';

export interface SqsSettings {
  region: string;
  /** A local SQS (the embedded emulator or AWS_ENDPOINT_URL_SQS); unset on AWS. */
  endpoint?: string;
}

export function createSqsClient(settings: SqsSettings): SQSClient {
  return new SQSClient({
    region: settings.region,
    ...(settings.endpoint
      ? {
          endpoint: settings.endpoint,
          // A local emulator accepts any key; AWS's default credential chain would look for real ones.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
}
