// Lambda entry (deploy/webhook): API Gateway → the Fastify app. Opening starts at init, outside the
// handler, so the cold start's connection and app build overlap Lambda's own start-up.
import { closeRuntime, once, openLambdaRuntime } from './lambda-runtime.js';
import { createWebhookHandler } from './webhook-handler.js';

const runtime = once(() => openLambdaRuntime('omni-webhook'));
runtime().catch(() => undefined); // a failure here is retried, and reported, by the first invocation
export const handler = createWebhookHandler(runtime);
export const close = () => closeRuntime(runtime);
