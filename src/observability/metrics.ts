import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, one registry for all of them: the rooms that see an event
 * (the webhook routes, the store, the outbox, the processor, the platforms' HTTP calls) record
 * into the instruments below; `/metrics` renders the registry. Each process counts what it saw; a
 * scraper adds the processes up. The names are the ones README's Metrics table and
 * deploy/grafana/omni-dashboard.json use.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const registers = [metricsRegistry];
/** Latencies from a millisecond to a minute: webhook answers, commits, sends and API calls. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Queue lag reaches further: retries back off for up to 15 minutes, a throttled job for hours. */
const LAG_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

export const webhooksTotal = new Counter({
  name: 'omni_webhooks_total',
  help: 'Webhook requests by platform and answer',
  labelNames: ['platform', 'status'],
  registers,
});

export const itemsUnroutedTotal = new Counter({
  name: 'omni_items_unrouted_total',
  help: 'Items stored under no channel: their account is held by no channel that authenticated the webhook',
  labelNames: ['platform'],
  registers,
});

export const itemsUnrecognisedTotal = new Counter({
  name: 'omni_items_unrecognised_total',
  help: 'Items stored raw as unsupported or unknown',
  labelNames: ['platform'],
  registers,
});

export const webhookDuration = new Histogram({
  name: 'omni_webhook_duration_seconds',
  help: 'Time to answer a webhook request, by platform and HTTP status',
  labelNames: ['platform', 'status'],
  buckets: LATENCY_BUCKETS,
  registers,
});

export const storeCommitDuration = new Histogram({
  name: 'omni_store_commit_duration_seconds',
  help: 'Time of a storing transaction: ingest (a group of webhooks), file (processed queue items)',
  labelNames: ['operation'],
  buckets: LATENCY_BUCKETS,
  registers,
});

export const outboxSendDuration = new Histogram({
  name: 'omni_outbox_send_duration_seconds',
  help: 'Time of one SQS SendMessageBatch call of the outbox',
  buckets: LATENCY_BUCKETS,
  registers,
});

export const queueLag = new Histogram({
  name: 'omni_queue_lag_seconds',
  help: 'Time from a queue row being committed to its being processed, by kind (item, or the job kind)',
  labelNames: ['kind'],
  buckets: LAG_BUCKETS,
  registers,
});

export const jobDuration = new Histogram({
  name: 'omni_job_duration_seconds',
  help: 'Time of a job handler, by job kind, platform and outcome (done, failed, error)',
  labelNames: ['kind', 'platform', 'outcome'],
  buckets: LATENCY_BUCKETS,
  registers,
});

export const platformApiDuration = new Histogram({
  name: 'omni_platform_api_duration_seconds',
  help: 'Time of a call to a platform API, by platform, endpoint kind and HTTP status (none: no answer)',
  labelNames: ['platform', 'endpoint', 'status'],
  buckets: LATENCY_BUCKETS,
  registers,
});

export const outboxPending = new Gauge({
  name: 'omni_outbox_pending',
  help: 'Queue rows committed but not yet sent to SQS',
  registers,
});

export const outboxOldestAge = new Gauge({
  name: 'omni_outbox_oldest_age_seconds',
  help: 'Age of the oldest queue row not yet sent to SQS (0: none)',
  registers,
});

export const dlqDepth = new Gauge({
  name: 'omni_dlq_depth',
  help: "Messages in the dead-letter queue (SQS's approximate count), polled every 30 s by one process",
  registers,
});

export const eventStreamsOpen = new Gauge({
  name: 'omni_event_streams_open',
  help: 'Open /api/events streams of this process',
  registers,
});

export const dbPoolConnections = new Gauge({
  name: 'omni_db_pool_connections',
  help: "This process's PostgreSQL connections by state (active, idle, idle in transaction), and max: the pool's size",
  labelNames: ['state'],
  registers,
});

export const channelsByHealth = new Gauge({
  name: 'omni_channels',
  help: 'Channels by health: healthy, failing (an error in the last hour), silent (no webhook for a day), disabled',
  labelNames: ['health'],
  registers,
});
