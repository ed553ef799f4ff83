import type { DatabaseStatus } from './database-status.js';
import type { QueueStatus } from './system-status.js';

/**
 * When the status asks for attention (and `omni status` exits 1). The relay re-sends a pending row
 * after OUTBOX_RELAY_AFTER_MS (seconds), so one older than five minutes means nothing is relaying.
 * A channel error in the last fifteen minutes is current; an older one is history the channel view keeps.
 */
export const ATTENTION_THRESHOLDS = { outboxOldestSeconds: 5 * 60, channelErrorSeconds: 15 * 60 } as const;

const minutes = (s: number) => `${Math.floor(s / 60)} min`;

/** One sentence per thing an operator should look at; none when all is well. */
export function attentionReasons(database: DatabaseStatus, queue: QueueStatus): string[] {
  const reasons: string[] = [];
  if (queue.state === 'unreachable') reasons.push(`the queue did not answer: ${queue.error}`);
  if (queue.state === 'ok' && queue.depth.deadLetters > 0)
    reasons.push(`${queue.depth.deadLetters} message(s) in the DLQ (omni replay-dlq moves them back)`);
  const oldest = database.outbox.oldestAgeSeconds;
  if (oldest !== null && oldest > ATTENTION_THRESHOLDS.outboxOldestSeconds)
    reasons.push(
      `the oldest pending outbox row has waited ${minutes(oldest)} (over ${minutes(ATTENTION_THRESHOLDS.outboxOldestSeconds)}): is the relay running, is SQS reachable?`,
    );
  for (const channel of database.channels) {
    const age = channel.lastErrorAgeSeconds;
    if (channel.enabled && age !== null && age <= ATTENTION_THRESHOLDS.channelErrorSeconds)
      reasons.push(`channel ${channel.platform}/${channel.name}: error ${minutes(age)} ago: ${channel.lastError}`);
  }
  for (const endpoint of database.failingEndpoints)
    reasons.push(
      endpoint.enabled
        ? `endpoint ${endpoint.id} (${endpoint.url}): ${endpoint.consecutiveFailures} failed deliveries in a row`
        : `endpoint ${endpoint.id} (${endpoint.url}): disabled: ${endpoint.disabledReason ?? 'after failed deliveries'}`,
    );
  return reasons;
}
