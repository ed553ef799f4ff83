import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import type { OmniConfig } from '../config/load-config.js';
import { OmniError } from '../errors.js';
import { createSqsClient } from '../queue/sqs-client.js';
import { ensureQueues, readMaxReceiveCount } from '../queue/queues.js';
import { createSql, type SqlPool } from '../store/database.js';
import { migrateUp } from '../store/migrate.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { startEmbeddedSqs } from './embedded-sqs.js';

/** The database and queue a process works with, external or embedded; `close` releases all of it. */
export interface Services {
  sql: SqlPool;
  sqs: SQSClient;
  queueUrl: string;
  deadLetterQueueUrl: string;
  maxReceiveCount: number;
  embeddedDatabase: boolean;
  embeddedQueue: boolean;
  close(): Promise<void>;
}

/**
 * Connects to `DATABASE_URL` or starts the embedded PostgreSQL, applies migrations, and connects to
 * `MESSAGE_QUEUE_URL` or starts the embedded SQS emulator with a main queue and its DLQ.
 */
export async function openServices(
  config: OmniConfig,
  logger: Logger,
  options: { embedQueue: boolean },
): Promise<Services> {
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse())
      await stop().catch((error: unknown) => logger.warn({ err: error }, 'close failed'));
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const embedded = await startEmbeddedPostgres(config.dataDir, logger);
      stops.push(embedded.stop);
      databaseUrl = embedded.databaseUrl;
      logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL started (DATABASE_URL unset)');
    }
    const applied = await migrateUp(databaseUrl, { lockTimeoutMs: config.migrationLockTimeoutMs, logger });
    if (applied.length) logger.info({ applied }, 'migrations applied');
    const sql = createSql(databaseUrl);
    stops.push(() => sql.end({ timeout: 5 }));

    let queueUrl = config.messageQueueUrl;
    let deadLetterQueueUrl = config.deadLetterQueueUrl;
    let sqs: SQSClient;
    if (queueUrl && deadLetterQueueUrl) {
      sqs = createSqsClient({ region: config.awsRegion, endpoint: config.sqsEndpoint });
    } else {
      if (!options.embedQueue)
        throw new OmniError(
          'OMNI_ERR_CONFIG_INVALID',
          'MESSAGE_QUEUE_URL is required: a separate worker needs a shared queue',
        );
      const emulator = await startEmbeddedSqs();
      stops.push(emulator.stop);
      sqs = createSqsClient({ region: config.awsRegion, endpoint: emulator.endpoint });
      ({ queueUrl, deadLetterQueueUrl } = await ensureQueues(sqs, {
        name: 'omni-messages',
        maxReceiveCount: config.maxReceiveCount,
      }));
      logger.info({ endpoint: emulator.endpoint }, 'embedded SQS emulator started (MESSAGE_QUEUE_URL unset)');
    }
    stops.push(async () => sqs.destroy());
    // SQS being down must not stop webhooks from being stored: the outbox keeps them for the relay.
    const maxReceiveCount = await readMaxReceiveCount(sqs, queueUrl, config.maxReceiveCount).catch((error: unknown) => {
      logger.warn(
        { err: error, fallback: config.maxReceiveCount },
        "could not read the queue's redrive policy; using MAX_RECEIVE_COUNT",
      );
      return config.maxReceiveCount;
    });
    return {
      sql,
      sqs,
      queueUrl,
      deadLetterQueueUrl,
      maxReceiveCount,
      embeddedDatabase: !config.databaseUrl,
      embeddedQueue: !config.messageQueueUrl,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
