/**
 * Every environment variable Omni reads, once. `.env.example` documents exactly these
 * (a test keeps the two in step), and `loadConfig` validates them.
 */
export interface VariableSpec {
  name: string;
  kind: 'string' | 'url' | 'port' | 'integer' | 'level' | 'arn';
  secret?: boolean;
  description: string;
}

export const VARIABLES: readonly VariableSpec[] = [
  {
    name: 'DATABASE_URL',
    kind: 'url',
    secret: true,
    description: 'PostgreSQL connection string. Unset: an embedded PostgreSQL starts in OMNI_DATA_DIR.',
  },
  {
    name: 'MIGRATION_LOCK_TIMEOUT_MS',
    kind: 'integer',
    description:
      "How long a starting process waits for another process's migrations (they run once, under an advisory lock) before it fails. Default 600000 (10 min).",
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
  { name: 'AWS_REGION', kind: 'string', description: 'AWS region of the queues. Default us-east-1.' },
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
      'Secrets Manager secret whose JSON object holds platform variables (WHATSAPP_APP_SECRET, ...); read at start, variables set in the environment win.',
  },
  {
    name: 'VPC_ID',
    kind: 'string',
    description: 'VPC of an AWS deployment; logged at start, since a database timeout there is a network question.',
  },
  { name: 'SUBNET_1_ID', kind: 'string', description: 'First private subnet of an AWS deployment; logged at start.' },
  { name: 'SUBNET_2_ID', kind: 'string', description: 'Second private subnet of an AWS deployment; logged at start.' },
  {
    name: 'WHATSAPP_APP_SECRET',
    kind: 'string',
    secret: true,
    description: 'Meta app secret for X-Hub-Signature-256 on /webhook/whatsapp. Unset: WhatsApp disabled.',
  },
  {
    name: 'WHATSAPP_VERIFY_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Token Meta echoes in the GET subscription handshake for WhatsApp.',
  },
  {
    name: 'MESSENGER_APP_SECRET',
    kind: 'string',
    secret: true,
    description: 'Meta app secret for /webhook/messenger. Unset: Messenger disabled.',
  },
  {
    name: 'MESSENGER_VERIFY_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Handshake verify token for Messenger.',
  },
  {
    name: 'INSTAGRAM_APP_SECRET',
    kind: 'string',
    secret: true,
    description: 'Meta app secret for /webhook/instagram. Unset: Instagram disabled.',
  },
  {
    name: 'INSTAGRAM_VERIFY_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Handshake verify token for Instagram.',
  },
  {
    name: 'TELEGRAM_WEBHOOK_SECRET',
    kind: 'string',
    secret: true,
    description:
      'secret_token given to setWebhook; checked against X-Telegram-Bot-Api-Secret-Token. Unset: Telegram disabled.',
  },
  // Platform API access (downloading media, sending replies): tokens are secrets, never logged.
  {
    name: 'WHATSAPP_ACCESS_TOKEN',
    kind: 'string',
    secret: true,
    description: 'WhatsApp Cloud API access token (system user): media downloads and replies.',
  },
  {
    name: 'MESSENGER_PAGE_ACCESS_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Messenger Page access token for the Send API.',
  },
  {
    name: 'INSTAGRAM_ACCESS_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Instagram messaging access token for the Send API.',
  },
  {
    name: 'TELEGRAM_BOT_TOKEN',
    kind: 'string',
    secret: true,
    description: 'Telegram bot token: getFile and file downloads, sendMessage.',
  },
  {
    name: 'GRAPH_API_BASE_URL',
    kind: 'url',
    description: 'Meta Graph API base URL. Default https://graph.facebook.com',
  },
  { name: 'GRAPH_API_VERSION', kind: 'string', description: 'Meta Graph API version. Default v23.0' },
  {
    name: 'TELEGRAM_API_BASE_URL',
    kind: 'url',
    description: 'Telegram Bot API base URL. Default https://api.telegram.org',
  },
  // Replies: per-account caps and the send timeout.
  {
    name: 'WHATSAPP_SENDS_PER_SECOND',
    kind: 'integer',
    description: 'Most replies sent per second per WhatsApp business number, across all workers. Default 80.',
  },
  {
    name: 'MESSENGER_SENDS_PER_SECOND',
    kind: 'integer',
    description: 'Most replies sent per second per Facebook Page, across all workers. Default 250.',
  },
  {
    name: 'INSTAGRAM_SENDS_PER_SECOND',
    kind: 'integer',
    description: 'Most replies sent per second per Instagram account, across all workers. Default 100.',
  },
  {
    name: 'TELEGRAM_SENDS_PER_SECOND',
    kind: 'integer',
    description: 'Most replies sent per second per Telegram bot, across all workers. Default 30.',
  },
  {
    name: 'SEND_TIMEOUT_MS',
    kind: 'integer',
    description:
      'A send call unanswered this long is abandoned; its reply is failed as outcome unknown, never re-sent blindly. Default 15000.',
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
    description:
      'How long an upload (POST /api/uploads) may take to arrive; 408 after. Other request bodies get 10 s. Default 600000 (10 min).',
  },
  {
    name: 'UPLOAD_MAX_BYTES',
    kind: 'integer',
    description:
      'Largest file accepted by POST /api/uploads (to reply with), in bytes; 413 above. Default 104857600 (100 MB).',
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
  { name: 'PORT', kind: 'port', description: 'HTTP port of `omni serve`. Default 3000.' },
  { name: 'HOST', kind: 'string', description: 'HTTP bind address. Default 127.0.0.1.' },
  {
    name: 'LOG_LEVEL',
    kind: 'level',
    description: 'pino level: fatal, error, warn, info, debug, trace or silent. Default info.',
  },
  {
    name: 'OMNI_DATA_DIR',
    kind: 'string',
    description: 'Where the embedded PostgreSQL and development secrets live. Default ./.omni',
  },
  {
    name: 'WEBHOOK_BODY_LIMIT',
    kind: 'integer',
    description: 'Largest accepted webhook body in bytes (413 above). Default 1048576.',
  },
  {
    name: 'MAX_RECEIVE_COUNT',
    kind: 'integer',
    description: 'Receives before a message goes to the DLQ, for queues Omni creates. Default 5.',
  },
  {
    name: 'WORKER_RETRY_BASE_SECONDS',
    kind: 'integer',
    description: 'First retry delay of a failed message; doubles per attempt, capped at 900. Default 2.',
  },
  {
    name: 'OUTBOX_RELAY_AFTER_MS',
    kind: 'integer',
    description: 'A queue row still pending this long after its commit is re-sent by the relay. Default 5000.',
  },
  {
    name: 'ENDPOINT_TIMEOUT_MS',
    kind: 'integer',
    description:
      'Time a subscribed endpoint has to answer a delivery, in ms; slower counts as a failed attempt. Default 10000.',
  },
  {
    name: 'ENDPOINT_DISABLE_AFTER_FAILURES',
    kind: 'integer',
    description:
      'Consecutive failed delivery attempts after which a subscribed endpoint is disabled (a success resets the run). Default 20.',
  },
  {
    name: 'ENDPOINT_PRIVATE_HOSTS',
    kind: 'string',
    description:
      'Comma list of host or host:port that subscribed endpoints may reach on private, loopback or link-local addresses. Default none.',
  },
];

export const SECRET_VARIABLES = new Set(VARIABLES.filter((v) => v.secret).map((v) => v.name));
