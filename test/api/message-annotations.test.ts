import t from 'tap';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders } from '../helpers/auth.js';
import { createTestDatabase } from '../helpers/database.js';
import { asSheenasMessage, fixtureDeliverer, SHEENA } from '../helpers/fixture-conversation.js';
import { createTestQueue } from '../helpers/queue.js';
import { startTestWorker } from '../helpers/worker.js';

interface ListedMessage {
  id: number;
  externalId: string;
  text: string | null;
  reactions: { emoji: string; from: string | null }[];
  edit: { text: string | null; at: string } | null;
  deletedAt: string | null;
  replyTo: { externalId: string; messageId: number | null; text: string | null } | null;
}

t.test(
  'a message lists its reactions, its latest edit, its deletion and the message it answers, from captured webhooks',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app } = await createTestApp(t, { sql, queue });
    startTestWorker(t, sql, queue);
    const { authorization } = await bearerHeaders(sql);
    const deliver = fixtureDeliverer(t, app, sql);
    /** The messages of the conversation holding the message with this external id. */
    const messagesWith = async (externalId: string): Promise<ListedMessage[]> => {
      const [row] = await sql<
        { id: string }[]
      >`select conversation_id as id from messages where external_id = ${externalId}`;
      const url = `/api/conversations/${row!.id}/messages`;
      return (await app.inject({ method: 'GET', url, headers: { authorization } })).json().messages;
    };

    // Telegram: "Ciao" (456:123), then Mario's reactions on it (one capture source, nutgram).
    await deliver('telegram', 'telegram-forward-origin-user');
    await deliver('telegram', 'telegram-message-reaction', {
      why: 'both captures are update 1; a second update has its own id',
      edit: (body) => {
        body.update_id = 2;
      },
    });
    const [ciao] = await messagesWith('456:123');
    t.same(
      ciao!.reactions.map((r) => [r.emoji, r.from]),
      [
        ['❤️', '456'],
        ['🤡', '456'],
      ],
      'the reactor’s current emoji; the custom emoji has none to show',
    );
    t.same([ciao!.edit, ciao!.deletedAt, ciao!.replyTo], [null, null, null]);

    // Telegram Business: Lena's question, edited, then deleted.
    const lena = 'business:BsAkXhOqyEtEAQAAhZyOxFaJ3Ag:5312466907:311';
    await deliver('telegram', 'telegram-business-message');
    await deliver('telegram', 'telegram-edited-business-message');
    let [question] = await messagesWith(lena);
    t.equal(question!.text, 'Hallo! Ist das blaue Rad noch zu haben?', 'the text as received stays');
    t.equal(question!.edit?.text, 'Hallo! Ist das blaue Rad (28 Zoll) noch zu haben?', 'the edit brings the new text');
    t.equal(question!.edit?.at, '2026-06-01T11:21:35.000Z', 'at the edit’s time');
    t.equal(question!.deletedAt, null);
    await deliver('telegram', 'telegram-deleted-business-messages');
    [question] = await messagesWith(lena);
    t.ok(question!.deletedAt, 'then marked deleted');

    // A reply to the bot's message, which Omni never saw: only its id is known.
    await deliver('telegram', 'telegram-group-reply-to-bot');
    const [reply] = await messagesWith('-1001000000001:108');
    t.same(reply!.replyTo, {
      externalId: '-1001000000001:105',
      messageId: null,
      direction: null,
      text: null,
      contentKind: null,
    });

    // WhatsApp: a customer's text, then a reply quoting it and a reaction on it (Meta's documented
    // examples, their ids pointed at that text, since each capture names a message of its own).
    const text = SHEENA.textId;
    await deliver('whatsapp', 'whatsapp-text-basic');
    await deliver(
      'whatsapp',
      'whatsapp-text-reply-context',
      asSheenasMessage('wamid.REPLY', 'the reply quotes the text above', (message) => {
        message.context.id = text;
      }),
    );
    await deliver(
      'whatsapp',
      'whatsapp-reaction',
      asSheenasMessage('wamid.REACTION', 'the reaction is on the text above', (message) => {
        message.reaction.message_id = text;
      }),
    );
    const whatsapp = await messagesWith(text);
    const quoted = whatsapp.find((m) => m.externalId === text)!;
    t.same(
      quoted.reactions.map((r) => [r.emoji, r.from]),
      [['😮', '16505551234']],
    );

    // She changes her reaction within the same second: the one that arrived later is her current
    // one, on every read (the tie on time is broken by arrival order, not by the plan's row order).
    await deliver(
      'whatsapp',
      'whatsapp-reaction',
      asSheenasMessage('wamid.REACTION-2', 'a second reaction on the same text, at the same timestamp', (message) => {
        message.reaction.message_id = text;
        message.reaction.emoji = '👍';
      }),
    );
    for (let read = 0; read < 3; read++) {
      const again = (await messagesWith(text)).find((m) => m.externalId === text)!;
      t.same(
        again.reactions.map((r) => [r.emoji, r.from]),
        [['👍', '16505551234']],
        `read ${read + 1}: the later reaction replaces the earlier`,
      );
    }
    const answer = whatsapp.find((m) => m.externalId === 'wamid.REPLY')!;
    t.same(answer.replyTo, {
      externalId: text,
      messageId: quoted.id,
      direction: 'inbound',
      text: quoted.text,
      contentKind: 'text',
    });
  },
);
