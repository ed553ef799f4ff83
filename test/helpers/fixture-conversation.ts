import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import type { PlatformName } from '../../src/platforms/types.js';
import type { Sql } from '../../src/store/database.js';
import { postWebhook } from './app.js';
import { loadFixture } from './fixtures.js';
import { waitFor } from './wait-for.js';

/** A change to a captured body before it is posted, said in words so the test reads why. */
export interface FixtureEdit {
  why: string;
  edit: (body: any) => void;
}

/**
 * Posts captured fixtures, in order, through the signed webhook route and waits until the worker
 * has processed every item the app stored for them (each item's own queue row, not follow-up jobs).
 * An edit changes a copy of the body: ids that only collide because the captures came from
 * different sources, or a target that has to be a message of the same conversation.
 */
export function fixtureDeliverer(t: Test, app: FastifyInstance, sql: Sql) {
  return async (platform: PlatformName, id: string, ...edits: FixtureEdit[]) => {
    const body = structuredClone(loadFixture(platform, id).body);
    for (const { edit } of edits) edit(body);
    const before = await itemRows(sql);
    t.equal((await postWebhook(app, platform, body)).statusCode, 200, `${id} accepted`);
    const stored = await itemRows(sql);
    t.ok(stored > before, `${id} stored something`);
    await waitFor(`${id} processed`, async () => {
      const [row] = await sql<{ done: number }[]>`
        select count(*)::int as done from queue_logs where job is null and status = 'processed'`;
      return row!.done === stored;
    });
  };
}

async function itemRows(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from queue_logs where job is null`;
  return row!.n;
}

/** Sheena Nelson's conversation with the business number, as whatsapp-text-basic opens it, and that text's id. */
export const SHEENA = {
  phoneNumberId: '106540352242922',
  displayNumber: '15550783881',
  waId: '16505551234',
  textId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
} as const;

/**
 * A WhatsApp capture's one message, moved into Sheena's conversation under its own id (captures
 * from different sources reuse ids and numbers), with `change` applied to it.
 */
export function asSheenasMessage(id: string, why: string, change: (message: any) => void = () => {}): FixtureEdit {
  return {
    why,
    edit: (body) => {
      const value = body.entry[0].changes[0].value;
      value.metadata = { display_phone_number: SHEENA.displayNumber, phone_number_id: SHEENA.phoneNumberId };
      value.contacts = [{ profile: { name: 'Sheena Nelson' }, wa_id: SHEENA.waId }];
      const message = value.messages[0];
      Object.assign(message, { id, from: SHEENA.waId });
      change(message);
    },
  };
}
