// serverless resolves a handler inside its service folder; the Lambda entry itself is src/lambda/processor.ts.
export { close, handler } from '../../src/lambda/processor.js';
