import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { TEST_BOX } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';

const brazil = {
  platform: 'whatsapp',
  name: 'Brazil',
  phoneNumberId: '1001',
  appSecret: 'app-secret-brazil-0001',
  verifyToken: 'verify-token-brazil',
  accessToken: 'EAAG-access-token-brazil-9876',
};

t.test("a channel's assignment mode and cap are set and shown over /api/channels", async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue, channelSealing: { box: TEST_BOX, config: loadConfig({}) } });
  const { authorization } = await bearerHeaders(sql);
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization }, payload });

  t.test('a channel added without them is manual, with no cap', async (t) => {
    const added = await call('POST', '/api/channels', brazil);
    t.equal(added.statusCode, 201);
    t.match(added.json().channel, { assignment: 'manual', assignmentCap: null });
  });

  t.test('an add can make it round-robin with a cap, and GET shows them', async (t) => {
    const added = await call('POST', '/api/channels', {
      ...brazil,
      name: 'Chile',
      phoneNumberId: '1002',
      assignment: 'round_robin',
      assignmentCap: 5,
    });
    t.equal(added.statusCode, 201);
    const shown = await call('GET', `/api/channels/${added.json().channel.id}`);
    t.match(shown.json().channel, { assignment: 'round_robin', assignmentCap: 5 });
  });

  t.test('an update changes the mode, and null lifts the cap', async (t) => {
    const [row] = await sql<{ id: string }[]>`select id from channels where name = 'Chile'`;
    const capped = await call('PATCH', `/api/channels/${row!.id}`, { assignment: 'manual', assignmentCap: 9 });
    t.match(capped.json().channel, { assignment: 'manual', assignmentCap: 9 });
    const lifted = await call('PATCH', `/api/channels/${row!.id}`, { assignmentCap: null });
    t.match(lifted.json().channel, { assignment: 'manual', assignmentCap: null });
  });

  t.test('an unknown mode or a cap under 1 is a 400 naming the field', async (t) => {
    const [row] = await sql<{ id: string }[]>`select id from channels where name = 'Brazil'`;
    const mode = await call('PATCH', `/api/channels/${row!.id}`, { assignment: 'random' });
    t.equal(mode.statusCode, 400);
    t.match(mode.json().error.message, /assignment/);
    const cap = await call('PATCH', `/api/channels/${row!.id}`, { assignmentCap: 0 });
    t.equal(cap.statusCode, 400);
    t.match(cap.json().error.message, /assignmentCap/);
  });

  t.test("an environment channel takes the assignment fields, though none of its variables' fields", async (t) => {
    const [row] = await sql<{ id: string }[]>`select id from channels where source = 'environment' limit 1`;
    const assigned = await call('PATCH', `/api/channels/${row!.id}`, { assignment: 'round_robin', assignmentCap: 3 });
    t.equal(assigned.statusCode, 200);
    t.match(assigned.json().channel, { source: 'environment', assignment: 'round_robin', assignmentCap: 3 });
    const renamed = await call('PATCH', `/api/channels/${row!.id}`, { assignment: 'manual', name: 'Other' });
    t.equal(renamed.statusCode, 409);
    t.match(
      (await call('GET', `/api/channels/${row!.id}`)).json().channel,
      { assignment: 'round_robin' },
      'a refused change applies nothing',
    );
  });
});
