import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import { loadConfigWithAwsSecrets, type SecretReader } from '../config/aws-secrets.js';
import type { OmniConfig } from '../config/load-config.js';
import { OmniError } from '../errors.js';
import { createLogger } from '../logger.js';
import { startTracing, type Tracing } from '../observability/tracing.js';
import { createOutbox, type Outbox } from '../queue/outbox.js';
import { type LambdaChannels, openLambdaChannels } from './lambda-channels.js';
import { createSqsClient } from '../queue/sqs-client.js';
import { createSql, type SqlPool } from '../store/database.js';

/** What every Omni Lambda works with, opened once per cold start and kept across invocations. */
export interface LambdaRuntime {
  config: OmniConfig;
  logger: Logger;
  sql: SqlPool;
  sqs: SQSClient;
  queueUrl: string;
  outbox: Outbox;
  /** Exports spans; a handler flushes it before returning, as the sandbox freezes after. */
  tracing: Tracing;
  /** The channel directory, opened on first call (the webhook and processor Lambdas need it; migrate must not). */
  channels(): Promise<LambdaChannels>;
  /** Ends the pool and the client; a Lambda never calls it (the sandbox is frozen), tests do. */
  close(): Promise<void>;
}

export interface LambdaRuntimeOptions {
  env?: Record<string, string | undefined>;
  readSecret?: SecretReader;
}

/**
 * Reads the environment and its AWS secrets, then connects. A Lambda has neither an embedded
 * database nor an embedded queue, so both must be configured.
 */
export async function openLambdaRuntime(name: string, options: LambdaRuntimeOptions = {}): Promise<LambdaRuntime> {
  const config = await loadConfigWithAwsSecrets(options.env ?? process.env, options.readSecret);
  const logger = createLogger(config.logLevel, name);
  const tracing = await startTracing(config.tracing, name, logger);
  if (!config.databaseUrl) {
    throw new OmniError(
      'OMNI_ERR_CONFIG_INVALID',
      'DATABASE_URL or AURORA_SECRET_ARN is required: a Lambda has no embedded database',
    );
  }
  const queueUrl = config.messageQueueUrl;
  if (!queueUrl)
    throw new OmniError('OMNI_ERR_CONFIG_INVALID', 'MESSAGE_QUEUE_URL is required: a Lambda has no embedded queue');
  // One invocation at a time per sandbox: two connections cover a query plus the outbox's update,
  // and keep a burst of cold starts within Aurora's connection limit.
  const sql = createSql(config.databaseUrl, { max: 2 });
  const sqs = createSqsClient({ region: config.awsRegion, endpoint: config.sqsEndpoint });
  const outbox = createOutbox({ sql, sqs, queueUrl, logger });
  const channels = once(() => openLambdaChannels(sql, config, logger));
  let channelsOpened = false;
  logger.info(
    { cluster: config.aws.auroraClusterArn, vpc: config.aws.vpcId, subnets: config.aws.subnetIds },
    'lambda: cold start',
  );
  return {
    config,
    logger,
    sql,
    sqs,
    queueUrl,
    outbox,
    tracing,
    channels: () => {
      channelsOpened = true;
      return channels();
    },
    async close() {
      await outbox.drain();
      if (channelsOpened) await (await channels().catch(() => undefined))?.directory.close();
      await sql.end({ timeout: 5 });
      sqs.destroy();
      await tracing.flush();
    },
  };
}

/**
 * Runs `open` on first use and hands every later caller the same result — the cold-start cache
 * kept outside the handler. A failure is forgotten, so the next invocation tries again.
 */
export function once<T>(open: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= open().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** For tests and local runs: a deployed Lambda never closes (its sandbox is frozen, then discarded). */
export async function closeRuntime(runtime: () => Promise<LambdaRuntime>): Promise<void> {
  const opened = await runtime().catch(() => undefined);
  await opened?.close();
}
