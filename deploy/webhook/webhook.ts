// serverless resolves a handler inside its service folder; the Lambda entry itself is src/lambda/webhook.ts.
export { close, handler } from '../../src/lambda/webhook.js';
