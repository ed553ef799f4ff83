import { eventStreamsOpen } from '../../observability/metrics.js';
import { addMetricsSampler } from '../../observability/metrics-scrape.js';
import type { Logger } from 'pino';
import type { SqlPool } from '../../store/database.js';
import { selectLiveCredentials } from '../../store/live-credentials.js';
import { listenForRevocations } from '../../store/revocations.js';
import { OpenStreams } from './open-streams.js';

export interface StreamGuardOptions {
  /** EVENT_STREAMS_PER_USER: open streams per agent or API token in this process. */
  perUser: number;
  /** How often every open stream's credential is checked again, for one removed without a NOTIFY. */
  sweepMs: number;
}

/** A process's open event streams, kept no longer than their credentials. */
export interface StreamGuard {
  /** See `OpenStreams.admit`: the release, or undefined over the cap. */
  admit: OpenStreams['admit'];
  /** Ends every stream (the app is closing). */
  endAll(): void;
  /** Stops listening and sweeping. */
  close(): Promise<void>;
}

/**
 * Ends each open stream once its credential stops being valid: at once when any server announces
 * the revocation (logout, a disabled agent, a revoked token: `omni_revocations`), at its session's
 * expiry by a timer, and otherwise at the next sweep, which re-reads every stream's credential every
 * `sweepMs` and whenever the LISTEN connection comes back (revocations sent meanwhile are lost).
 */
export async function guardEventStreams(
  sql: SqlPool,
  logger: Pick<Logger, 'warn'>,
  options: StreamGuardOptions,
): Promise<StreamGuard> {
  const streams = new OpenStreams(options.perUser);
  const sweep = () => {
    streams
      .sweep((credentials) => selectLiveCredentials(sql, credentials))
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'events: could not re-check the credentials of open streams'),
      );
  };
  const unlisten = await listenForRevocations(sql, {
    revoked: (revocation) => streams.revoke(revocation),
    relistened: sweep,
  });
  const sweeper = setInterval(sweep, options.sweepMs);
  sweeper.unref();
  const stopSampling = addMetricsSampler(async () => eventStreamsOpen.set(streams.size));
  return {
    admit: (principal, end) => streams.admit(principal, end),
    endAll: () => streams.endAll(),
    async close() {
      clearInterval(sweeper);
      stopSampling();
      await unlisten();
    },
  };
}
