// Lambda entry (deploy/processor): the SQS event source → handleQueueMessage per record.
import { closeRuntime, once, openLambdaRuntime } from './lambda-runtime.js';
import { createProcessorHandler } from './processor-handler.js';

const runtime = once(() => openLambdaRuntime('omni-processor'));
runtime().catch(() => undefined); // a failure here is retried, and reported, by the first invocation
export const handler = createProcessorHandler(runtime);
export const close = () => closeRuntime(runtime);
