import type { Logger } from 'pino';
import { lastSyncedAt } from '../store/whatsapp-templates.js';
import {
  channelsToSync,
  type SyncChannel,
  syncTemplates,
  type TemplateSyncDeps,
  type WabaSync,
} from './sync-templates.js';

export interface ScheduledSyncDeps extends TemplateSyncDeps {
  /** The process's channels as they are now (its channel directory's `live()`). */
  channels: () => readonly SyncChannel[];
  logger: Pick<Logger, 'info' | 'warn'>;
  /** TEMPLATE_SYNC_HOURS; 0: no schedule. */
  intervalHours: number;
}

/**
 * Processes started together (a deploy) should not all sync at once; the first round comes 1 to 10
 * minutes after start.
 */
const firstDelayMs = () => 60_000 + Math.floor(Math.random() * 9 * 60_000);

/**
 * One scheduled round: each WABA of the enabled WhatsApp channels whose templates were not synced
 * within the last 90% of the interval (so several processes each running it sync a WABA about once
 * an interval, and a sync by hand counts). Unaudited: no one asked for it. Failures are logged per WABA.
 */
export async function syncTemplatesOnSchedule(deps: ScheduledSyncDeps): Promise<WabaSync[]> {
  const candidates = channelsToSync(deps.channels());
  const synced = await lastSyncedAt(
    deps.sql,
    candidates.map((c) => c.wabaId),
  );
  const since = Date.now() - deps.intervalHours * 3600_000 * 0.9;
  const due = candidates.filter((c) => (synced.get(c.wabaId)?.getTime() ?? 0) < since);
  const results = await syncTemplates(deps, due);
  for (const result of results) {
    if (result.ok) deps.logger.info(result, 'templates: synced');
    else deps.logger.warn(result, 'templates: sync failed; tried again next round');
  }
  return results;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs the scheduled round every TEMPLATE_SYNC_HOURS (the first after a random 1–10 minutes) until
 * `stop()`, which waits for a running round. With 0 hours nothing is scheduled. A failed round is
 * logged and tried again next time.
 */
export function startPeriodicTemplateSync(deps: ScheduledSyncDeps & { firstDelayMs?: number }): {
  stop(): Promise<void>;
} {
  let stopped = deps.intervalHours === 0;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<unknown> = Promise.resolve();
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      round = syncTemplatesOnSchedule(deps)
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'templates: sync round failed'))
        .finally(() => {
          // A timer longer than 2^31-1 ms fires at once: a longer interval wakes at that limit
          // instead, and the round finds nothing due yet (it skips WABAs synced recently).
          if (!stopped) schedule(Math.min(deps.intervalHours * 3600_000, MAX_TIMER_MS));
        });
    }, delayMs);
    timer.unref();
  };
  if (!stopped) schedule(deps.firstDelayMs ?? firstDelayMs());
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
