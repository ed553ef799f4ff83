import t from 'tap';
import { windowState } from '../../src/replies/reply-window.js';

const HOUR_MS = 3600_000;
const now = new Date('2026-12-02T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const whatsapp = { kind: 'templates-after', hours: 24 } as const;
const messenger = { kind: 'tag-after', hours: 24, tag: 'HUMAN_AGENT', taggedHours: 7 * 24 } as const;

t.test('the window is open for 24 hours from the customer’s last message, to the millisecond', async (t) => {
  t.same(windowState(whatsapp, ago(24 * HOUR_MS), now), {
    open: true,
    closesAt: now,
    whenClosed: 'template',
  });
  t.same(windowState(whatsapp, ago(24 * HOUR_MS + 1), now), {
    open: false,
    closesAt: new Date(now.getTime() - 1),
    whenClosed: 'template',
  });
  t.match(windowState(messenger, ago(25 * HOUR_MS), now), { open: false, whenClosed: 'tag' });
});

t.test(
  'a conversation the customer never wrote in has its window closed; a platform without one is open',
  async (t) => {
    t.same(windowState(whatsapp, null, now), { open: false, closesAt: null, whenClosed: 'template' });
    t.same(windowState({ kind: 'none' }, null, now), { open: true, closesAt: null, whenClosed: null });
  },
);
