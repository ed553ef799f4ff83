// serverless resolves a handler inside its service folder; the Lambda entry itself is src/lambda/migrate.ts.
export { handler } from '../../src/lambda/migrate.js';
