// Lambda entry (deploy/processor, scheduled hourly): the retention round.
import { closeRuntime, once, openLambdaRuntime } from './lambda-runtime.js';
import { createPruneHandler } from './prune-handler.js';

const runtime = once(() => openLambdaRuntime('omni-prune'));
export const handler = createPruneHandler(runtime);
export const close = () => closeRuntime(runtime);
