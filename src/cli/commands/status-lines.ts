import type { SystemStatus } from '../../status/system-status.js';
import { table } from './channel-lines.js';

const ago = (seconds: number | null) => {
  if (seconds === null) return '-';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
};
const oneLine = (text: string | null, width = 60) => (text === null ? '-' : text.replace(/\s+/g, ' ').slice(0, width));

function queueLine(queue: SystemStatus['queue']): string {
  if (queue.state === 'not-configured')
    return 'queue      not configured (MESSAGE_QUEUE_URL unset: the queue is inside omni serve)';
  if (queue.state === 'unreachable') return `queue      UNREACHABLE: ${oneLine(queue.error)}`;
  const { waiting, inFlight, delayed, deadLetters } = queue.depth;
  return `queue      ${waiting} waiting, ${inFlight} in flight, ${delayed} delayed; DLQ ${deadLetters}`;
}

/** `omni status`: one screen: the counts, the channels, failing endpoints and media, then what needs attention. */
export function statusLines(status: SystemStatus): string[] {
  const { outbox, lastFiveMinutes, media } = status;
  const lines = [
    `omni status at ${status.at}`,
    '',
    queueLine(status.queue),
    `outbox     ${outbox.pending} pending${outbox.pending ? `, oldest ${ago(outbox.oldestAgeSeconds)}` : ''}`,
    `last 5 min ${lastFiveMinutes.processed} processed, ${lastFiveMinutes.failed} failed`,
    `media      ${media.failedLastHour} failed in the last hour`,
    ...media.latest.map((m) => `           attachment ${m.attachmentId} (${m.platform}): ${oneLine(m.reason)}`),
    '',
  ];
  if (status.channels.length === 0) lines.push('no channels');
  else
    lines.push(
      ...table([
        ['CHANNEL', 'ENABLED', 'LAST WEBHOOK', 'LAST ERROR'],
        ...status.channels.map((c) => [
          `${c.platform}/${c.name}`,
          c.enabled ? 'yes' : 'no',
          c.lastWebhookAt ?? 'never',
          c.lastError === null ? '-' : `${ago(c.lastErrorAgeSeconds)} ago: ${oneLine(c.lastError)}`,
        ]),
      ]),
    );
  if (status.failingEndpoints.length > 0)
    lines.push(
      '',
      ...table([
        ['ENDPOINT', 'URL', 'STATE', 'LAST ATTEMPT'],
        ...status.failingEndpoints.map((e) => [
          String(e.id),
          e.url,
          e.enabled ? `${e.consecutiveFailures} failures in a row` : 'disabled',
          `${e.lastAttemptAt ?? '-'} ${e.lastStatusCode ?? ''} ${oneLine(e.lastError, 40)}`.replace(/ - $/, ''),
        ]),
      ]),
    );
  lines.push('');
  if (status.attention.length === 0) lines.push('all well');
  else lines.push('NEEDS ATTENTION', ...status.attention.map((reason) => `  - ${reason}`));
  return lines;
}
