// Lambda entry (deploy/processor, scheduled): re-sends stale pending outbox rows.
import { closeRuntime, once, openLambdaRuntime } from './lambda-runtime.js';
import { createRelayHandler } from './relay-handler.js';

const runtime = once(() => openLambdaRuntime('omni-relay'));
export const handler = createRelayHandler(runtime);
export const close = () => closeRuntime(runtime);
