import type { SQSClient } from '@aws-sdk/client-sqs';
import { config as loadDotenv } from 'dotenv';
import type { Logger } from 'pino';
import { loadConfigWithAwsSecrets } from '../config/aws-secrets.js';
import type { OmniConfig } from '../config/load-config.js';
import { isOmniError, OmniError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createSqsClient } from '../queue/sqs-client.js';
import { createSql, type SqlPool } from '../store/database.js';
import { migrateUp } from '../store/migrate.js';

/** The queue pair a command sends to or reads from, with the client that reaches it. */
export interface CommandQueue {
  sqs: SQSClient;
  queueUrl: string;
  deadLetterQueueUrl: string;
}

/**
 * What every command starts from: `.env` and the environment read once, with what AURORA_SECRET_ARN
 * and PLATFORM_SECRETS_ARN hold (so each command runs the same beside the Lambda functions). A
 * command asks for the database and the queue it needs; asking fails naming the variables to set.
 * `close` releases what was opened, last first.
 */
export interface CommandContext {
  config: OmniConfig;
  logger: Logger;
  /** DATABASE_URL, or the database of AURORA_SECRET_ARN. */
  databaseUrl(): string;
  /** A pool on `databaseUrl()` (connecting at its first query), migrated first when asked. */
  database(options?: { migrate?: boolean }): Promise<SqlPool>;
  /** An SQS client for AWS_REGION and AWS_ENDPOINT_URL_SQS, whatever the queue URLs. */
  sqs(): SQSClient;
  /** MESSAGE_QUEUE_URL and DEAD_LETTER_QUEUE_URL, with a client. */
  queue(): CommandQueue;
  /** The queue when MESSAGE_QUEUE_URL is set; else undefined (an embedded queue lives inside `omni serve`). */
  queueIfSet(): CommandQueue | undefined;
  close(): Promise<void>;
}

/** Opens the context a command named `name` (its logger's name) runs in. */
export async function openCommandContext(name: string): Promise<CommandContext> {
  loadDotenv({ quiet: true });
  const config = await loadConfigWithAwsSecrets();
  const logger = createLogger(config.logLevel, name);
  const closers: (() => Promise<void>)[] = [];
  let sqs: SQSClient | undefined;
  const context: CommandContext = {
    config,
    logger,
    databaseUrl() {
      if (config.databaseUrl) return config.databaseUrl;
      throw new OmniError(
        'OMNI_ERR_CONFIG_INVALID',
        `DATABASE_URL or AURORA_SECRET_ARN is required (while \`omni serve\` runs an embedded database, its URL is in ${config.dataDir}/database-url)`,
      );
    },
    async database(options = {}) {
      const url = context.databaseUrl();
      if (options.migrate) await migrateUp(url, { lockTimeoutMs: config.migrationLockTimeoutMs, logger });
      const sql = createSql(url, { max: 2 });
      closers.push(() => sql.end({ timeout: 5 }));
      return sql;
    },
    sqs() {
      if (!sqs) {
        const client = createSqsClient({ region: config.awsRegion, endpoint: config.sqsEndpoint });
        closers.push(async () => client.destroy());
        sqs = client;
      }
      return sqs;
    },
    queue() {
      const queue = context.queueIfSet();
      if (queue) return queue;
      throw new OmniError(
        'OMNI_ERR_CONFIG_INVALID',
        'MESSAGE_QUEUE_URL and DEAD_LETTER_QUEUE_URL are required (an embedded queue lives inside `omni serve`)',
      );
    },
    queueIfSet() {
      // loadConfig already refuses MESSAGE_QUEUE_URL without DEAD_LETTER_QUEUE_URL.
      const { messageQueueUrl: queueUrl, deadLetterQueueUrl } = config;
      if (!queueUrl || !deadLetterQueueUrl) return undefined;
      return { sqs: context.sqs(), queueUrl, deadLetterQueueUrl };
    },
    async close() {
      for (const close of closers.splice(0).reverse()) await close();
    },
  };
  return context;
}

/** Runs `body` in a fresh context and closes the context after, whatever happens. */
export async function withCommandContext<T>(name: string, body: (context: CommandContext) => Promise<T>): Promise<T> {
  const context = await openCommandContext(name);
  try {
    return await body(context);
  } finally {
    await context.close();
  }
}

/** Runs `body` on the migrated database: the commands that manage rows (users, tokens, endpoints). */
export function withDatabase<T>(body: (sql: SqlPool, config: OmniConfig) => Promise<T>): Promise<T> {
  return withCommandContext('omni', async (context) => body(await context.database({ migrate: true }), context.config));
}

/** Runs a command body, turning a configuration error into one clear line and exit code 2. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (isOmniError(error, 'OMNI_ERR_CONFIG_INVALID')) {
      process.stderr.write(`omni: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`omni: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
