import { useEffect, useRef, useState } from 'preact/hooks';
import { api, logFailure } from '../api.js';
import type { Channel, ConversationSummary, Me } from '../api-types.js';
import { isUnfiltered, type ListFilters, listQuery, UNFILTERED } from '../list-query.js';
import { STRINGS } from '../strings.js';
import { ConversationRow } from './conversation-row.js';
import { Filters } from './filters.js';
import { useLiveUpdates } from './live-updates.js';
import { Thread } from './thread.js';

/** How long typing must pause before the list searches. */
const SEARCH_PAUSE_MS = 250;

/** A list as one answer drew it, and whether its filters were the untouched ones (for the empty note). */
interface DrawnList {
  conversations: ConversationSummary[];
  unfiltered: boolean;
}

/**
 * The inbox: the filtered conversation list beside the open conversation (one pane at a time on a
 * phone). Live events say what changed; each screen reloads it through the API, and the newest
 * request wins when answers cross.
 */
export function Inbox({ me, openId }: { me: Me; openId: number | null }) {
  const [filters, setFilters] = useState<ListFilters>(UNFILTERED);
  const [search, setSearch] = useState('');
  const [list, setList] = useState<DrawnList | null>(null);
  const [channels, setChannels] = useState<Channel[]>([]);
  const [versions, setVersions] = useState({ list: 0, details: 0, messages: 0 });
  const listRequest = useRef(0);
  const reload = (...parts: (keyof typeof versions)[]) =>
    setVersions(
      (v) =>
        Object.fromEntries(Object.entries(v).map(([k, n]) => [k, parts.includes(k as never) ? n + 1 : n])) as typeof v,
    );

  const live = useLiveUpdates({
    reloadAll: () => reload('list', 'messages'),
    // A note shows in the open thread beside its messages, which reload with it.
    conversationChanged: (id, change) =>
      id !== openId ? reload('list') : change === 'noted' ? reload('messages') : reload('list', 'details'),
    itemProcessed: (item) =>
      item.conversationId === openId || item.kind === 'status' ? reload('list', 'messages') : reload('list'),
  });

  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.search === search ? f : { ...f, search })), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const query = listQuery(filters);
  const unfiltered = isUnfiltered(filters);
  useEffect(() => {
    const request = ++listRequest.current;
    api<{ conversations: ConversationSummary[] }>(`/conversations?${query}`)
      .then(({ conversations }) => {
        if (request === listRequest.current) setList({ conversations, unfiltered });
      })
      .catch(logFailure);
  }, [query, versions.list]);

  useEffect(() => {
    api<{ channels: Channel[] }>('/channels')
      .then(({ channels }) => setChannels(channels))
      .catch(logFailure);
  }, []);

  return (
    <main id="inbox" data-live={String(live)} data-view={openId === null ? undefined : 'thread'}>
      <nav aria-label={STRINGS.inbox.title}>
        <h2>
          {STRINGS.inbox.title}{' '}
          <span id="live" title={STRINGS.inbox.live}>
            ●
          </span>
        </h2>
        <Filters
          filters={filters}
          search={search}
          channels={channels}
          role={me.role}
          onSearch={setSearch}
          onChange={setFilters}
        />
        {list?.conversations.length === 0 ? (
          <p id="empty">{list.unfiltered ? STRINGS.inbox.empty : STRINGS.inbox.emptyFiltered}</p>
        ) : null}
        <ul id="conversations">
          {list?.conversations.map((c) => (
            <ConversationRow key={c.id} conversation={c} open={c.id === openId} />
          ))}
        </ul>
      </nav>
      <section>
        {openId === null ? (
          <header id="thread-header">
            <h2 id="conversation-title">{STRINGS.thread.none}</h2>
          </header>
        ) : (
          <Thread
            key={openId}
            me={me}
            conversationId={openId}
            detailsVersion={versions.details}
            messagesVersion={versions.messages}
            onListChanged={() => reload('list')}
          />
        )}
      </section>
    </main>
  );
}
