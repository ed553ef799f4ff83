// serverless resolves a handler inside its service folder; the Lambda entry itself is src/lambda/relay.ts.
export { close, handler } from '../../src/lambda/relay.js';
