import { relayPendingOnce } from '../queue/relay.js';
import type { LambdaRuntime } from './lambda-runtime.js';

/**
 * The scheduled relay: re-sends queue rows left pending (a webhook Lambda that died between its
 * commit and its SQS send). `omni serve` runs the same round every second in-process.
 */
export function createRelayHandler(open: () => Promise<LambdaRuntime>) {
  return async (): Promise<{ relayed: number }> => {
    const { sql, outbox, logger, config, tracing } = await open();
    const relayed = await relayPendingOnce(sql, outbox, config.relayAfterMs);
    if (relayed > 0) logger.info({ relayed }, 'relay: re-sent pending queue rows');
    await tracing.flush();
    return { relayed };
  };
}
