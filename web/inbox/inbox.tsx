import { useEffect, useState } from 'preact/hooks';
import { api, jsonRequest, logFailure } from '../api.js';
import type { Channel, Me } from '../api-types.js';
import { isUnfiltered, type ListFilters, listQuery, UNFILTERED } from '../list-query.js';
import { navigate } from '../navigation.js';
import { STRINGS } from '../strings.js';
import { ChannelSwitcher } from './channel-switcher.js';
import { ConversationRow } from './conversation-row.js';
import { Filters } from './filters.js';
import { useLiveUpdates } from './live-updates.js';
import { type ShortcutAction, movedSelection } from './shortcuts.js';
import { ShortcutsDialog } from './shortcuts-dialog.js';
import { Thread } from './thread.js';
import { useConversationList } from './use-conversation-list.js';
import { useNewMessageAlerts } from './use-new-message-alerts.js';
import { changeChangesUnreadCounts, itemChangesUnreadCounts } from './unread-count-events.js';
import { useShortcuts } from './use-shortcuts.js';
import { useUnreadCounts } from './use-unread-counts.js';
import { VirtualList } from './virtual-list.js';

/** How long typing must pause before the list searches. */
const SEARCH_PAUSE_MS = 250;
/** A row's height in pixels: `.conversation` in styles/inbox.css is as tall. */
const ROW_HEIGHT = 84;

/**
 * The inbox: the channel switcher and filters over the conversation list (drawn a screen at a time,
 * paged from the API as the agent scrolls) beside the open conversation (one pane at a time on a
 * phone). Live events say what changed; each screen reloads it through the API. Keyboard
 * shortcuts (web/inbox/shortcuts.ts) move through the list and act on the open conversation.
 */
export function Inbox({ me, openId }: { me: Me; openId: number | null }) {
  const [filters, setFilters] = useState<ListFilters>(UNFILTERED);
  const [search, setSearch] = useState('');
  const [channels, setChannels] = useState<Channel[]>([]);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [versions, setVersions] = useState({ list: 0, details: 0, messages: 0 });
  const reload = (...parts: (keyof typeof versions)[]) =>
    setVersions(
      (v) =>
        Object.fromEntries(Object.entries(v).map(([k, n]) => [k, parts.includes(k as never) ? n + 1 : n])) as typeof v,
    );
  const { list, loadMore } = useConversationList(filters, versions.list);
  const { counts, refresh: refreshCounts } = useUnreadCounts(filters.status);
  const alerts = useNewMessageAlerts();

  const live = useLiveUpdates({
    reloadAll: () => {
      reload('list', 'messages');
      refreshCounts();
    },
    // A note shows in the open thread beside its messages, which reload with it.
    conversationChanged: (id, change) => {
      if (changeChangesUnreadCounts(change)) refreshCounts();
      if (id !== openId) reload('list');
      else if (change === 'noted') reload('messages');
      else reload('list', 'details');
    },
    itemProcessed: (item) => {
      alerts.announce(item, openId);
      if (itemChangesUnreadCounts(item)) refreshCounts();
      if (item.conversationId === openId || item.kind === 'status') reload('list', 'messages');
      else reload('list');
    },
  });

  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.search === search ? f : { ...f, search })), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    api<{ channels: Channel[] }>('/channels')
      .then(({ channels }) => setChannels(channels))
      .catch(logFailure);
  }, []);

  const conversations = list?.conversations ?? [];
  const ids = conversations.map((c) => c.id);
  const shortcut = (action: ShortcutAction) => {
    if (action === 'next' || action === 'previous') {
      const next = movedSelection(ids, openId, action === 'next' ? 1 : -1);
      if (next !== null) navigate(`/conversations/${next}`);
    } else if (action === 'reply') {
      document.querySelector<HTMLTextAreaElement>('#reply textarea')?.focus();
    } else if (action === 'search') {
      document.querySelector<HTMLInputElement>('#search')?.focus();
    } else if (action === 'help') {
      setShowShortcuts(true);
    } else if (action === 'close' && openId !== null) {
      api(`/conversations/${openId}/close`, jsonRequest('POST', {}))
        .then(() => {
          reload('list', 'details');
          refreshCounts();
        })
        .catch(logFailure);
    }
  };
  useShortcuts(shortcut);

  return (
    <main id="inbox" data-live={String(live)} data-view={openId === null ? undefined : 'thread'}>
      <nav aria-label={STRINGS.inbox.title}>
        <h2>
          {STRINGS.inbox.title}{' '}
          <span id="live" title={STRINGS.inbox.live}>
            ●
          </span>
          {alerts.permission === 'default' ? (
            <button id="enable-notifications" type="button" onClick={alerts.ask}>
              {STRINGS.inbox.enableNotifications}
            </button>
          ) : null}
        </h2>
        <ChannelSwitcher
          channels={channels}
          role={me.role}
          chosen={filters.channel}
          counts={counts}
          onChoose={(channel) => setFilters((f) => ({ ...f, channel }))}
        />
        <Filters
          filters={filters}
          search={search}
          isAgent={me.agent !== null}
          onSearch={setSearch}
          onChange={setFilters}
        />
        {list?.conversations.length === 0 ? (
          <p id="empty">{isUnfiltered(list.filters) ? STRINGS.inbox.empty : STRINGS.inbox.emptyFiltered}</p>
        ) : null}
        <VirtualList
          id="conversations"
          label={STRINGS.inbox.list}
          items={conversations}
          rowHeight={ROW_HEIGHT}
          keyOf={(c) => c.id}
          renderRow={(c) => <ConversationRow conversation={c} open={c.id === openId} />}
          onNearEnd={loadMore}
          revealIndex={openId === null ? -1 : ids.indexOf(openId)}
          listKey={list ? listQuery(list.filters) : ''}
        />
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
            onListChanged={() => {
              reload('list');
              refreshCounts();
            }}
          />
        )}
      </section>
      <ShortcutsDialog open={showShortcuts} onClose={() => setShowShortcuts(false)} />
    </main>
  );
}
