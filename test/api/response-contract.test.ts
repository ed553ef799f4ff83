import Fastify, { type FastifySchema } from 'fastify';
import t, { type Test } from 'tap';
import { errorResponses, objectOf } from '../../src/http/api/schema-shapes.js';
import { type ContractViolation, checkResponsesAgainstDocument } from '../helpers/response-contract.js';

/** A bare app with the checker every test app has, and routes that answer what they should not. */
async function appWithChecker(t: Test) {
  const app = Fastify();
  const violations: ContractViolation[] = [];
  checkResponsesAgainstDocument(app, (violation) => violations.push(violation));
  const answer = objectOf({ at: { type: 'string', format: 'date-time' } });
  const at: FastifySchema = { response: { 200: answer } };
  const atOr404: FastifySchema = { response: { 200: answer, ...errorResponses(404) } };
  app.get('/api/right', { schema: at }, async () => ({ at: new Date() }));
  app.get('/api/null-time', { schema: at }, async () => ({ at: null }));
  app.get('/api/missing', { schema: atOr404 }, async (_request, reply) =>
    reply.code(404).send({ error: { code: 'OMNI_ERR_API_NOT_FOUND' } }),
  );
  app.get('/api/undeclared', { schema: at }, async (_request, reply) =>
    reply.code(409).send({ error: { code: 'OMNI_ERR_USER_EXISTS', message: 'taken' } }),
  );
  app.get('/api/as-text', { schema: at }, async (_request, reply) => reply.type('text/plain').send('no'));
  await app.ready();
  t.teardown(() => app.close());
  return { app, violations };
}

t.test('the response checker of the test apps', async (t) => {
  const { app, violations } = await appWithChecker(t);
  const get = async (url: string) => {
    violations.length = 0;
    return app.inject({ method: 'GET', url });
  };

  t.test('passes an answer that matches its schema', async (t) => {
    t.equal((await get('/api/right')).statusCode, 200);
    t.same(violations, []);
  });

  t.test('catches a null the serialiser would silently write as an empty string', async (t) => {
    const response = await get('/api/null-time');
    t.same(response.json(), { at: '' }, 'fast-json-stringify coerces it, without complaint');
    t.match(violations, [{ route: 'GET /api/null-time', status: 200, problem: /data\/at must be string/ }]);
  });

  t.test('catches an error body without its message', async (t) => {
    await get('/api/missing');
    t.match(violations, [{ status: 404, problem: /must have required property 'message'/ }]);
  });

  t.test('catches a status the route does not declare', async (t) => {
    await get('/api/undeclared');
    t.match(violations, [{ route: 'GET /api/undeclared', status: 409, problem: 'status 409 is not declared' }]);
  });

  t.test('catches a content type the route does not declare', async (t) => {
    await get('/api/as-text');
    t.match(violations, [{ status: 200, problem: 'content type text/plain is not declared for 200' }]);
  });
});
