import { PLATFORM_VARIABLES } from './platform-variables.js';

const MB = 1024 * 1024;

/**
 * The largest attachment: WhatsApp's largest (a document). The download cap for the platforms
 * without per-kind limits, and UPLOAD_MAX_BYTES's default.
 */
export const DEFAULT_MEDIA_MAX_BYTES = 100 * MB;

/** Open event streams per agent or API token, per server: a few tabs and a phone. */
export const DEFAULT_EVENT_STREAMS_PER_USER = 5;

/**
 * Meta documents webhook payloads of "up to 3MB" without saying which megabyte: 4 MiB holds the
 * larger reading (3 MiB) with 1 MiB to spare, and base64-encoded by API Gateway (5.6 MB) it still
 * fits Lambda's 6 MB request payload.
 */
export const DEFAULT_WEBHOOK_BODY_LIMIT = 4 * MB;

/**
 * One environment variable Omni reads: how `loadConfig` validates it and what it is when unset.
 * `.env.example` documents exactly these (a test keeps the two in step).
 */
export interface VariableSpec {
  name: string;
  kind: 'string' | 'url' | 'port' | 'integer' | 'level' | 'arn';
  secret?: boolean;
  /** Its value when unset (a number for `port` and `integer`); without one, unset means off or derived. */
  default?: string | number;
  /** The smallest value accepted, for `port` and `integer`; without one, any non-negative integer. */
  min?: number;
  description: string;
}

const SPECS = [
  {
    name: 'DATABASE_URL',
    kind: 'url',
    secret: true,
    description: 'PostgreSQL connection string. Unset: an embedded PostgreSQL starts in OMNI_DATA_DIR.',
  },
  {
    name: 'MIGRATION_LOCK_TIMEOUT_MS',
    kind: 'integer',
    default: 600_000,
    min: 1,
    description:
      "Milliseconds a starting process waits for another process's migrations (they run once, under an advisory lock) before it fails.",
  },
  {
    name: 'MESSAGE_QUEUE_URL',
    kind: 'string',
    description: 'SQS main queue URL. Unset: an embedded SQS emulator starts and the worker runs inside `omni serve`.',
  },
  {
    name: 'DEAD_LETTER_QUEUE_URL',
    kind: 'string',
    description: 'SQS dead-letter queue URL (the main queue redrives to it after maxReceiveCount).',
  },
  { name: 'AWS_REGION', kind: 'string', default: 'us-east-1', description: 'AWS region of the queues.' },
  { name: 'AWS_ENDPOINT_URL_SQS', kind: 'url', description: 'SQS endpoint override, for a local SQS emulator.' },
  {
    name: 'AURORA_SECRET_ARN',
    kind: 'arn',
    description:
      'Secrets Manager secret holding the Aurora credentials as JSON (username, password, host, port, dbname); read at start when DATABASE_URL is unset.',
  },
  {
    name: 'AURORA_CLUSTER_ARN',
    kind: 'arn',
    description: 'Aurora cluster of an AWS deployment; logged at start and named when its secret is unusable.',
  },
  {
    name: 'PLATFORM_SECRETS_ARN',
    kind: 'arn',
    description:
      'Secrets Manager secret whose JSON object holds Omni variables (WHATSAPP_APP_SECRET, OMNI_ENCRYPTION_KEY, ...); read at start, variables set in the environment win.',
  },
  {
    name: 'VPC_ID',
    kind: 'string',
    description: 'VPC of an AWS deployment; logged at start, since a database timeout there is a network question.',
  },
  { name: 'SUBNET_1_ID', kind: 'string', description: 'First private subnet of an AWS deployment; logged at start.' },
  { name: 'SUBNET_2_ID', kind: 'string', description: 'Second private subnet of an AWS deployment; logged at start.' },
  ...PLATFORM_VARIABLES,
  // Channels: secrets sealed at rest, and how every process keeps its copy of the channels fresh.
  {
    name: 'OMNI_ENCRYPTION_KEY',
    kind: 'string',
    secret: true,
    description:
      'Key sealing channel secrets in the database: 32 bytes, base64 (openssl rand -base64 32). Unset in embedded mode: generated into OMNI_DATA_DIR/encryption-key.',
  },
  {
    name: 'OMNI_ENCRYPTION_PREVIOUS_KEYS',
    kind: 'string',
    secret: true,
    description:
      'Comma list of older keys (base64) that still open secrets sealed before a key change, until `omni channel rekey` re-seals them.',
  },
  {
    name: 'APP_SECRET_ROTATION_HOURS',
    kind: 'integer',
    default: 24,
    min: 1,
    description: "Hours a channel's previous Meta app secret still verifies webhooks after a new one is set.",
  },
  {
    name: 'CHANNEL_REFRESH_SECONDS',
    kind: 'integer',
    default: 30,
    min: 1,
    description:
      'Seconds between reloads of the channels each process keeps in memory; changes also arrive at once by LISTEN/NOTIFY.',
  },
  {
    name: 'PROFILE_REFRESH_HOURS',
    kind: 'integer',
    default: 168,
    min: 1,
    description:
      "Hours before a Messenger or Instagram contact's name and avatar are fetched again, on their next message.",
  },
  {
    name: 'TEMPLATE_SYNC_HOURS',
    kind: 'integer',
    default: 24,
    description:
      "Hours between syncs of every WhatsApp channel's message templates from its WABA, in each long-running process; 0: off (`omni templates sync` still works).",
  },
  {
    name: 'SEND_TIMEOUT_MS',
    kind: 'integer',
    default: 15_000,
    min: 1,
    description:
      'A send call unanswered this long is abandoned; its reply is failed as outcome unknown, never re-sent blindly.',
  },
  // Media downloads and storage.
  {
    name: 'MEDIA_ALLOWED_HOSTS',
    kind: 'string',
    description:
      "Comma list of extra host patterns (host, host:port, *.domain) media may be downloaded from, besides the platforms' own.",
  },
  {
    name: 'MEDIA_PRIVATE_HOSTS',
    kind: 'string',
    description:
      'Comma list of host patterns allowed on private or loopback addresses (a local test server). Default none.',
  },
  {
    name: 'MEDIA_MAX_BYTES',
    kind: 'integer',
    description:
      "Largest attachment downloaded, in bytes. Unset: WhatsApp's own per-kind limits for WhatsApp (image 5 MB, audio and video 16 MB, sticker 500 KB, document 100 MB), 100 MB for the other platforms.",
  },
  {
    name: 'UPLOAD_TIMEOUT_MS',
    kind: 'integer',
    default: 600_000, // 10 min
    min: 1,
    description:
      'How long an upload (POST /api/uploads) may take to arrive, in ms; 408 after. Other request bodies get 10 s.',
  },
  {
    name: 'EVENT_STREAMS_PER_USER',
    kind: 'integer',
    default: DEFAULT_EVENT_STREAMS_PER_USER,
    min: 1,
    description:
      'Open GET /api/events streams one agent (its sessions together) or one API token may hold on one server; 429 above.',
  },
  {
    name: 'UPLOAD_MAX_BYTES',
    kind: 'integer',
    default: DEFAULT_MEDIA_MAX_BYTES,
    min: 1,
    description: 'Largest file accepted by POST /api/uploads (to reply with), in bytes; 413 above.',
  },
  {
    name: 'MEDIA_DIR',
    kind: 'string',
    description: 'Directory of stored attachments when MEDIA_S3_BUCKET is unset. Default <OMNI_DATA_DIR>/media',
  },
  { name: 'MEDIA_S3_BUCKET', kind: 'string', description: 'S3 bucket for attachments; set, it replaces MEDIA_DIR.' },
  {
    name: 'AWS_ENDPOINT_URL_S3',
    kind: 'url',
    description: 'S3 endpoint override (a local emulator); path-style requests.',
  },
  { name: 'PORT', kind: 'port', default: 3000, description: 'HTTP port of `omni serve`.' },
  { name: 'HOST', kind: 'string', default: '127.0.0.1', description: 'HTTP bind address.' },
  {
    name: 'TRUST_PROXY',
    kind: 'string',
    description:
      'The proxies in front of Omni whose X-Forwarded-For and X-Forwarded-Proto count: a hop count (1 behind one ALB, App Runner or API Gateway) or a comma list of addresses and CIDRs. Unset: those headers are ignored.',
  },
  {
    name: 'METRICS_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Bearer token `/metrics` asks for (401 without it). Unset: `/metrics` is open.',
  },
  {
    name: 'METRICS_PORT',
    kind: 'port',
    description:
      'Port on which `omni-worker consume` serves its own `/metrics` (and `/healthz`), on HOST; `--metrics-port` overrides it. Unset: the worker serves no HTTP.',
  },
  {
    name: 'LOG_LEVEL',
    kind: 'level',
    default: 'info',
    description: 'pino level: fatal, error, warn, info, debug, trace or silent.',
  },
  {
    name: 'OMNI_DATA_DIR',
    kind: 'string',
    default: '.omni',
    description: 'Where the embedded PostgreSQL and development secrets live (relative to the working directory).',
  },
  {
    name: 'WEBHOOK_BODY_LIMIT',
    kind: 'integer',
    default: DEFAULT_WEBHOOK_BODY_LIMIT,
    min: 1,
    description: "Largest accepted webhook body in bytes (413 above): Meta's documented 3 MB, with room.",
  },
  {
    name: 'WEBHOOK_LOG_RETENTION_DAYS',
    kind: 'integer',
    default: 30,
    description:
      "Days a raw webhook body is kept in webhook_logs (for omni reprocess); the hourly prune then removes it and keeps the audit row, except an unverified request's, which goes whole.",
  },
  {
    name: 'MAX_RECEIVE_COUNT',
    kind: 'integer',
    default: 5,
    description: 'Receives before a message goes to the DLQ, for queues Omni creates.',
  },
  {
    name: 'WORKER_RETRY_BASE_SECONDS',
    kind: 'integer',
    default: 2,
    description: 'First retry delay of a failed message; doubles per attempt, capped at 900.',
  },
  {
    name: 'OUTBOX_RELAY_AFTER_MS',
    kind: 'integer',
    default: 5000,
    description: 'A queue row still pending this long after its commit is re-sent by the relay.',
  },
  {
    name: 'ENDPOINT_TIMEOUT_MS',
    kind: 'integer',
    default: 10_000,
    description: 'Time a subscribed endpoint has to answer a delivery, in ms; slower counts as a failed attempt.',
  },
  {
    name: 'ENDPOINT_DISABLE_AFTER_FAILURES',
    kind: 'integer',
    default: 20,
    min: 1,
    description:
      'Consecutive failed delivery attempts after which a subscribed endpoint is disabled (a success resets the run).',
  },
  {
    name: 'ENDPOINT_PRIVATE_HOSTS',
    kind: 'string',
    description:
      'Comma list of host or host:port that subscribed endpoints may reach on private, loopback or link-local addresses. Default none.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    kind: 'url',
    description:
      'OpenTelemetry collector (OTLP over HTTP) base URL; spans go to its /v1/traces. Unset: no tracing, and the SDK is never loaded.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_PROTOCOL',
    kind: 'string',
    description: 'OTLP encoding: http/protobuf (default) or http/json; grpc is refused.',
  },
  {
    name: 'OTEL_SERVICE_NAME',
    kind: 'string',
    description:
      'Service name on exported spans. Unset: each process names itself (omni, omni-worker, omni-webhook, omni-processor, omni-relay).',
  },
  {
    name: 'OTEL_TRACES_SAMPLER',
    kind: 'string',
    description:
      'always_on, always_off, traceidratio, parentbased_always_on (default), parentbased_always_off or parentbased_traceidratio.',
  },
  {
    name: 'OTEL_TRACES_SAMPLER_ARG',
    kind: 'string',
    description: 'The ratio sampled by the ratio samplers, from 0 to 1 (default 1): 0.1 keeps one trace in ten.',
  },
  {
    name: 'OTEL_SDK_DISABLED',
    kind: 'string',
    description: 'true: no tracing even with an OTLP endpoint set.',
  },
] as const satisfies readonly VariableSpec[];

/** Every environment variable Omni reads, once. */
export const VARIABLES: readonly VariableSpec[] = SPECS;

/** The name of a variable Omni reads. */
export type VariableName = (typeof SPECS)[number]['name'];

/** A variable whose spec gives a default: it always has a value once loaded. */
export type DefaultedVariable = Extract<(typeof SPECS)[number], { default: string | number }>['name'];

export const SECRET_VARIABLES = new Set(VARIABLES.filter((v) => v.secret).map((v) => v.name));
