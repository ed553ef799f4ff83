import { resolve } from 'node:path';
import { OmniError } from '../errors.js';
import type { PlatformName } from '../platforms/types.js';
import { readTracingConfig, type TracingConfig } from './tracing-config.js';
import { parseTrustProxy } from './trust-proxy.js';
import { type DefaultedVariable, VARIABLES, type VariableName, type VariableSpec } from './variables.js';

export interface MetaPlatformConfig {
  appSecret: string;
  verifyToken: string;
}

export interface PlatformSecrets {
  whatsapp?: MetaPlatformConfig;
  messenger?: MetaPlatformConfig;
  instagram?: MetaPlatformConfig;
  telegram?: { secretToken: string };
}

/** Where an AWS deployment (deploy/) runs: secrets to resolve at start, and facts to log. */
export interface AwsDeploymentConfig {
  auroraSecretArn?: string;
  auroraClusterArn?: string;
  platformSecretsArn?: string;
  vpcId?: string;
  subnetIds: string[];
}

/** How replies are sent: per-account caps and the send timeout (API origins and tokens are shared with media). */
export interface SendingConfig {
  sendsPerSecond: Record<PlatformName, number>;
  timeoutMs: number;
}

/** Platform API tokens (secrets): media downloads and replies. A platform without one cannot do either. */
export type PlatformTokens = Partial<Record<PlatformName, string>>;

/** The variable each platform's token is read from: named in the error when one is missing. */
export const PLATFORM_TOKEN_VARIABLES: Record<PlatformName, VariableName> = {
  whatsapp: 'WHATSAPP_ACCESS_TOKEN',
  messenger: 'MESSENGER_PAGE_ACCESS_TOKEN',
  instagram: 'INSTAGRAM_ACCESS_TOKEN',
  telegram: 'TELEGRAM_BOT_TOKEN',
};

/** Where attachments are downloaded from and kept. */
export interface MediaConfig {
  /** Host patterns allowed besides the platforms' own (MEDIA_ALLOWED_HOSTS). */
  extraAllowedHosts: string[];
  /** Host patterns allowed on private or loopback addresses (MEDIA_PRIVATE_HOSTS). */
  privateHosts: string[];
  /** MEDIA_MAX_BYTES; unset, the per-platform, per-kind defaults apply. */
  maxBytes?: number;
  /** UPLOAD_MAX_BYTES: the largest file `POST /api/uploads` takes. */
  uploadMaxBytes: number;
  /** UPLOAD_TIMEOUT_MS: how long an upload may take to arrive. */
  uploadTimeoutMs: number;
  dir: string;
  s3Bucket?: string;
  s3Endpoint?: string;
}

/** The keys that seal channel secrets (base64 text; `vault/encryption-key.ts` decodes and checks them). */
export interface EncryptionConfig {
  /** OMNI_ENCRYPTION_KEY. */
  key?: string;
  /** OMNI_ENCRYPTION_PREVIOUS_KEYS. */
  previousKeys: string[];
}

/** How channels are kept fresh and rotated. */
export interface ChannelsConfig {
  /** CHANNEL_REFRESH_SECONDS: the periodic reload of each process's channel directory. */
  refreshSeconds: number;
  /** APP_SECRET_ROTATION_HOURS: how long a replaced Meta app secret still verifies. */
  appSecretRotationHours: number;
}

/** Contact profiles (Messenger, Instagram): names and avatars fetched with the channel's token. */
export interface ProfilesConfig {
  /** PROFILE_REFRESH_HOURS: a profile older than this is fetched again on the contact's next message. */
  refreshHours: number;
}

/** How long what retention prunes is kept. */
export interface RetentionConfig {
  /** WEBHOOK_LOG_RETENTION_DAYS: raw webhook bodies older than this are removed (the audit rows stay). */
  webhookLogDays: number;
}

/** How the HTTP server reads requests and guards what is not behind a login. */
export interface HttpConfig {
  /** TRUST_PROXY: the hops, or the proxy addresses and CIDRs, whose forwarding headers are believed. */
  trustProxy?: number | string[];
  /** METRICS_TOKEN: the bearer token `/metrics` asks for. */
  metricsToken?: string;
  /** METRICS_PORT: where `omni-worker consume` serves its `/metrics`; unset, it serves none. */
  metricsPort?: number;
}

export interface OmniConfig {
  databaseUrl?: string;
  /** MIGRATION_LOCK_TIMEOUT_MS: how long a starting process waits for another's migrations. */
  migrationLockTimeoutMs: number;
  aws: AwsDeploymentConfig;
  messageQueueUrl?: string;
  deadLetterQueueUrl?: string;
  awsRegion: string;
  sqsEndpoint?: string;
  platforms: PlatformSecrets;
  port: number;
  host: string;
  http: HttpConfig;
  logLevel: string;
  dataDir: string;
  webhookBodyLimit: number;
  /** EVENT_STREAMS_PER_USER: open event streams per agent or API token, per server. */
  eventStreamsPerUser: number;
  retention: RetentionConfig;
  maxReceiveCount: number;
  retryBaseSeconds: number;
  relayAfterMs: number;
  endpoints: EndpointDeliveryConfig;
  sending: SendingConfig;
  graphApi: { baseUrl: string; version: string };
  telegramApi: { baseUrl: string };
  platformTokens: PlatformTokens;
  media: MediaConfig;
  encryption: EncryptionConfig;
  channels: ChannelsConfig;
  profiles: ProfilesConfig;
  /** TEMPLATE_SYNC_HOURS: hours between scheduled WhatsApp template syncs; 0: none. */
  templateSyncHours: number;
  /** OpenTelemetry traces (OTEL_*); absent when no OTLP endpoint is set. */
  tracing?: TracingConfig;
}

/** How events are delivered to subscribed endpoints. */
export interface EndpointDeliveryConfig {
  timeoutMs: number;
  /** Consecutive failed attempts that disable an endpoint. */
  disableAfterFailures: number;
  /** Hosts (`host` or `host:port`) endpoints may reach on private addresses. */
  privateHosts: string[];
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function invalid(name: string, why: string): OmniError {
  return new OmniError('OMNI_ERR_CONFIG_INVALID', `${name} ${why}`);
}

function check(spec: VariableSpec, value: string): void {
  if (spec.kind === 'url' && !URL.canParse(value)) throw invalid(spec.name, 'must be a URL');
  if (spec.kind === 'port' || spec.kind === 'integer') {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw invalid(spec.name, 'must be a non-negative integer');
    if (spec.min !== undefined && n < spec.min) throw invalid(spec.name, `must be at least ${spec.min}`);
    if (spec.kind === 'port' && n > 65535) throw invalid(spec.name, 'must be a port between 0 and 65535');
  }
  if (spec.kind === 'arn' && !/^arn:aws[a-z-]*:/.test(value)) throw invalid(spec.name, 'must be an ARN (arn:aws:…)');
  if (spec.kind === 'level' && !LEVELS.includes(value)) throw invalid(spec.name, `must be one of ${LEVELS.join(', ')}`);
}

/** The variables as read: set, or their spec's default; a variable without a default may be unset. */
type Values = Record<DefaultedVariable, string> & Partial<Record<VariableName, string>>;

function readValues(env: Record<string, string | undefined>): Values {
  const values: Record<string, string | undefined> = {};
  for (const spec of VARIABLES) {
    const value = env[spec.name]?.trim() || undefined;
    if (value !== undefined) check(spec, value);
    values[spec.name] = value ?? (spec.default === undefined ? undefined : String(spec.default));
  }
  // Every variable whose spec has a default has just been given a value: the one assertion of that.
  return values as Values;
}

function metaPlatform(env: Partial<Record<string, string>>, prefix: string): MetaPlatformConfig | undefined {
  const appSecret = env[`${prefix}_APP_SECRET`];
  if (!appSecret) return undefined;
  const verifyToken = env[`${prefix}_VERIFY_TOKEN`];
  if (!verifyToken) throw invalid(`${prefix}_VERIFY_TOKEN`, `is required when ${prefix}_APP_SECRET is set`);
  return { appSecret, verifyToken };
}

/**
 * Reads and validates the environment once. Errors name the variable. A platform without its
 * secret is left out of `platforms`, which disables its webhook (never accepted unsigned).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): OmniConfig {
  const values = readValues(env);
  if (values.MESSAGE_QUEUE_URL && !values.DEAD_LETTER_QUEUE_URL) {
    throw invalid('DEAD_LETTER_QUEUE_URL', 'is required when MESSAGE_QUEUE_URL is set');
  }
  const platforms: PlatformSecrets = {
    whatsapp: metaPlatform(values, 'WHATSAPP'),
    messenger: metaPlatform(values, 'MESSENGER'),
    instagram: metaPlatform(values, 'INSTAGRAM'),
    telegram: values.TELEGRAM_WEBHOOK_SECRET ? { secretToken: values.TELEGRAM_WEBHOOK_SECRET } : undefined,
  };
  const int = (name: DefaultedVariable) => Number(values[name]);
  const list = (name: VariableName) =>
    (values[name] ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  const dataDir = resolve(values.OMNI_DATA_DIR);
  return {
    databaseUrl: values.DATABASE_URL,
    migrationLockTimeoutMs: int('MIGRATION_LOCK_TIMEOUT_MS'),
    aws: {
      auroraSecretArn: values.AURORA_SECRET_ARN,
      auroraClusterArn: values.AURORA_CLUSTER_ARN,
      platformSecretsArn: values.PLATFORM_SECRETS_ARN,
      vpcId: values.VPC_ID,
      subnetIds: [values.SUBNET_1_ID, values.SUBNET_2_ID].filter((id): id is string => id !== undefined),
    },
    messageQueueUrl: values.MESSAGE_QUEUE_URL,
    deadLetterQueueUrl: values.DEAD_LETTER_QUEUE_URL,
    awsRegion: values.AWS_REGION,
    sqsEndpoint: values.AWS_ENDPOINT_URL_SQS,
    platforms,
    port: int('PORT'),
    host: values.HOST,
    http: {
      trustProxy: values.TRUST_PROXY === undefined ? undefined : parseTrustProxy(values.TRUST_PROXY),
      metricsToken: values.METRICS_TOKEN,
      metricsPort: values.METRICS_PORT === undefined ? undefined : Number(values.METRICS_PORT),
    },
    logLevel: values.LOG_LEVEL,
    dataDir,
    webhookBodyLimit: int('WEBHOOK_BODY_LIMIT'),
    eventStreamsPerUser: int('EVENT_STREAMS_PER_USER'),
    retention: { webhookLogDays: int('WEBHOOK_LOG_RETENTION_DAYS') },
    maxReceiveCount: int('MAX_RECEIVE_COUNT'),
    retryBaseSeconds: int('WORKER_RETRY_BASE_SECONDS'),
    relayAfterMs: int('OUTBOX_RELAY_AFTER_MS'),
    endpoints: {
      timeoutMs: int('ENDPOINT_TIMEOUT_MS'),
      disableAfterFailures: int('ENDPOINT_DISABLE_AFTER_FAILURES'),
      privateHosts: list('ENDPOINT_PRIVATE_HOSTS'),
    },
    sending: {
      sendsPerSecond: {
        whatsapp: int('WHATSAPP_SENDS_PER_SECOND'),
        messenger: int('MESSENGER_SENDS_PER_SECOND'),
        instagram: int('INSTAGRAM_SENDS_PER_SECOND'),
        telegram: int('TELEGRAM_SENDS_PER_SECOND'),
      },
      timeoutMs: int('SEND_TIMEOUT_MS'),
    },
    graphApi: { baseUrl: values.GRAPH_API_BASE_URL, version: values.GRAPH_API_VERSION },
    telegramApi: { baseUrl: values.TELEGRAM_API_BASE_URL },
    platformTokens: {
      whatsapp: values[PLATFORM_TOKEN_VARIABLES.whatsapp],
      messenger: values[PLATFORM_TOKEN_VARIABLES.messenger],
      instagram: values[PLATFORM_TOKEN_VARIABLES.instagram],
      telegram: values[PLATFORM_TOKEN_VARIABLES.telegram],
    },
    media: {
      extraAllowedHosts: list('MEDIA_ALLOWED_HOSTS'),
      privateHosts: list('MEDIA_PRIVATE_HOSTS'),
      maxBytes: values.MEDIA_MAX_BYTES === undefined ? undefined : Number(values.MEDIA_MAX_BYTES),
      uploadMaxBytes: int('UPLOAD_MAX_BYTES'),
      uploadTimeoutMs: int('UPLOAD_TIMEOUT_MS'),
      // Its default depends on OMNI_DATA_DIR, so it is derived here rather than given in its spec.
      dir: resolve(values.MEDIA_DIR ?? `${dataDir}/media`),
      s3Bucket: values.MEDIA_S3_BUCKET,
      s3Endpoint: values.AWS_ENDPOINT_URL_S3,
    },
    encryption: { key: values.OMNI_ENCRYPTION_KEY, previousKeys: list('OMNI_ENCRYPTION_PREVIOUS_KEYS') },
    channels: {
      refreshSeconds: int('CHANNEL_REFRESH_SECONDS'),
      appSecretRotationHours: int('APP_SECRET_ROTATION_HOURS'),
    },
    profiles: { refreshHours: int('PROFILE_REFRESH_HOURS') },
    templateSyncHours: int('TEMPLATE_SYNC_HOURS'),
    tracing: readTracingConfig(values),
  };
}
