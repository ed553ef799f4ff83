import t from 'tap';
import type { Message } from '../../web/api-types.js';
import { isUnfiltered, listQuery, UNFILTERED } from '../../web/list-query.js';
import { parseRoute, routePath } from '../../web/router.js';
import { withMessage } from '../../web/thread-state.js';

t.test('the list asks for open conversations until the agent filters it', async (t) => {
  t.equal(listQuery(UNFILTERED), 'limit=100&status=open');
  t.ok(isUnfiltered({ ...UNFILTERED, search: 'ab' }), 'two characters do not search yet');
  t.equal(
    listQuery({
      search: '  contact 2 ',
      status: '',
      channel: 'unrouted',
      unreadOnly: true,
      assignee: 'me',
      label: ' VIP ',
    }),
    'limit=100&q=contact+2&channel=unrouted&unread=true&label=VIP&assignee=me',
  );
  t.equal(listQuery({ ...UNFILTERED, assignee: 'none' }, 'abc'), 'limit=100&status=open&assignee=none&cursor=abc');
  t.notOk(isUnfiltered({ ...UNFILTERED, assignee: 'none' }), 'unassigned only is a filter');
  t.notOk(isUnfiltered({ ...UNFILTERED, channel: '3' }));
});

t.test('each address names its screen, and each screen its address', async (t) => {
  t.same(parseRoute('/'), { screen: 'inbox', conversationId: null });
  t.same(parseRoute('/conversations/42'), { screen: 'inbox', conversationId: 42 });
  t.same(parseRoute('/conversations/42/'), { screen: 'inbox', conversationId: 42 }, 'a trailing slash is the same');
  t.same(parseRoute('/login'), { screen: 'login' });
  t.same(parseRoute('/admin/users'), { screen: 'users' });
  t.same(parseRoute('/admin/channels'), { screen: 'channels' });
  t.same(parseRoute('/admin/tokens'), { screen: 'tokens' });
  t.same(parseRoute('/admin/endpoints/'), { screen: 'endpoints' });
  for (const path of ['/conversations/0', '/conversations/abc', '/conversations/99999999999999999', '/elsewhere']) {
    t.same(parseRoute(path), { screen: 'unknown', path }, `${path} is no screen`);
  }
  for (const path of [
    '/',
    '/conversations/42',
    '/login',
    '/admin/users',
    '/admin/channels',
    '/admin/tokens',
    '/admin/endpoints',
  ]) {
    t.equal(routePath(parseRoute(path)), path, `${path} round-trips`);
  }
});

t.test('a sent message joins the thread once, even when a live reload brought it first', async (t) => {
  const m = (id: number) => ({ id }) as Message;
  const thread = [m(1), m(2)];
  t.same(
    withMessage(thread, m(3)).map((x) => x.id),
    [1, 2, 3],
  );
  t.equal(withMessage(thread, m(2)), thread, 'already shown: the thread is left as it is');
});

t.test('the label filter joins the query trimmed, and an empty one asks for every label', async (t) => {
  t.equal(listQuery({ ...UNFILTERED, label: '  Needs Refund ' }), 'limit=100&status=open&label=Needs+Refund');
  t.ok(isUnfiltered({ ...UNFILTERED, label: '   ' }));
  t.notOk(isUnfiltered({ ...UNFILTERED, label: 'vip' }));
});
