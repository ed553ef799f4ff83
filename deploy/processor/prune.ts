// serverless resolves a handler inside its service folder; the Lambda entry itself is src/lambda/prune.ts.
export { close, handler } from '../../src/lambda/prune.js';
