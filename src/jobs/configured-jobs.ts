import type { Logger } from 'pino';
import type { OmniConfig } from '../config/load-config.js';
import { createEventDeliverer } from '../endpoints/deliver-event.js';
import { endpointPolicy } from '../endpoints/endpoint-policy.js';
import { planEventDeliveries } from '../endpoints/plan-deliveries.js';
import { createSenderRegistry } from '../platforms/senders.js';
import { createSendReplyHandler } from '../replies/send-reply-job.js';
import type { Sql } from '../store/database.js';
import type { Jobs } from './jobs.js';

/**
 * The jobs a processor runs, built from the configuration: the one place each kind's handler and each
 * follow-up planner is wired in, for the worker, the embedded worker of `omni serve` and the Lambda.
 */
export function createConfiguredJobs(config: OmniConfig, _deps: { sql: Sql; logger: Logger }): Jobs {
  const { sending } = config;
  return {
    handlers: {
      deliver_event: createEventDeliverer({ policy: endpointPolicy(config.endpoints), disableAfterFailures: config.endpoints.disableAfterFailures }),
      send_message: createSendReplyHandler({ senders: createSenderRegistry(sending), sendsPerSecond: sending.sendsPerSecond, timeoutMs: sending.timeoutMs }),
    },
    followUps: [planEventDeliveries()],
  };
}
