import type { Logger } from 'pino';
import type { OmniConfig } from '../config/load-config.js';
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
      send_message: createSendReplyHandler({ senders: createSenderRegistry(sending), sendsPerSecond: sending.sendsPerSecond, timeoutMs: sending.timeoutMs }),
    },
    followUps: [],
  };
}
