import { useEffect, useRef, useState } from 'preact/hooks';
import { api, jsonRequest, logFailure } from '../api.js';
import type { ConversationDetails, ConversationSummary, Me, Message, Note } from '../api-types.js';
import { channelLabel, contactLabel } from '../format.js';
import { dayLabel, groupByDay } from '../group-by-day.js';
import { navigate } from '../navigation.js';
import { STRINGS } from '../strings.js';
import { threadItems, withMessage, withNote } from '../thread-state.js';
import { threadMessages } from '../message-view.js';
import { ContactPanel } from './contact-panel.js';
import { LabelChips } from './label-chips.js';
import { MessageItem } from './message-item.js';
import { NoteItem } from './note-item.js';
import { ReplyBox } from './reply-box.js';

interface ThreadProps {
  me: Me;
  conversationId: number;
  /** Bumped when the conversation's workflow may have changed: reload its details. */
  detailsVersion: number;
  /** Bumped when its messages or notes may have changed: reload them. */
  messagesVersion: number;
  /** This screen changed something the list shows (read, assigned, closed, labelled). */
  onListChanged: () => void;
}

/**
 * One conversation: its header (assign, close or reopen, the contact panel, its labels), its messages
 * and private notes by day, and the reply box (which also writes notes). What is on screen is read: the last message shown is marked read, including
 * those that arrive live.
 */
export function Thread({ me, conversationId: id, detailsVersion, messagesVersion, onListChanged }: ThreadProps) {
  const [details, setDetails] = useState<ConversationDetails | 'missing' | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [notes, setNotes] = useState<Note[]>([]);
  const [showContact, setShowContact] = useState(false);
  const messagesRequest = useRef(0);
  const readUpTo = useRef<number | null>(null);
  const messageList = useRef<HTMLOListElement>(null);

  useEffect(() => {
    api<ConversationDetails>(`/conversations/${id}`)
      .then(setDetails)
      .catch((error) => {
        setDetails((shown) => shown ?? 'missing');
        logFailure(error);
      });
  }, [id, detailsVersion]);

  useEffect(() => {
    const request = ++messagesRequest.current;
    const load = async () => {
      const [{ messages }, { notes }] = await Promise.all([
        api<{ messages: Message[] }>(`/conversations/${id}/messages?limit=100`),
        api<{ notes: Note[] }>(`/conversations/${id}/notes?limit=100`),
      ]);
      if (request !== messagesRequest.current) return;
      setMessages(messages);
      setNotes(notes);
      const last = messages.at(-1);
      if (last && last.id !== readUpTo.current) {
        readUpTo.current = last.id;
        await api(`/conversations/${id}/read`, jsonRequest('POST', { messageId: last.id }));
        onListChanged();
      }
    };
    load().catch(logFailure);
  }, [id, messagesVersion]);

  useEffect(() => {
    messageList.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [messages, notes]);

  /** Assign, close or reopen, then redraw from the answer. */
  const act = async (action: 'assign' | 'close' | 'reopen', body: object = {}) => {
    const changed = await api<ConversationSummary>(`/conversations/${id}/${action}`, jsonRequest('POST', body));
    setDetails((shown) => (shown && shown !== 'missing' ? { ...shown, ...changed } : shown));
    onListChanged();
  };

  const loaded = details && details !== 'missing' ? details : null;
  const title = loaded
    ? `${contactLabel(loaded)} · ${loaded.platform} · ${channelLabel(loaded.channel)}`
    : details === 'missing'
      ? STRINGS.thread.notFound
      : STRINGS.thread.loading;
  const myId = me.agent?.id ?? null;
  const mine = myId !== null && loaded?.assignee?.id === myId;
  const now = new Date();

  return (
    <>
      <header id="thread-header">
        <button id="back" type="button" aria-label={STRINGS.thread.back} onClick={() => navigate('/')}>
          ←
        </button>
        <h2 id="conversation-title">{title}</h2>
        {loaded ? (
          <div id="thread-actions">
            <span id="assignee">
              {loaded.assignee ? STRINGS.thread.assignedTo(loaded.assignee.name) : STRINGS.thread.unassigned}
            </span>
            {myId === null ? null : (
              <button
                id="assign-me"
                type="button"
                onClick={() => act('assign', { agentId: mine ? null : myId }).catch(logFailure)}
              >
                {mine ? STRINGS.thread.unassign : STRINGS.thread.assignMe}
              </button>
            )}
            {loaded.status === 'closed' ? (
              <button id="reopen" type="button" onClick={() => act('reopen').catch(logFailure)}>
                {STRINGS.thread.reopen}
              </button>
            ) : (
              <button id="close" type="button" onClick={() => act('close').catch(logFailure)}>
                {STRINGS.thread.close}
              </button>
            )}
            <button
              id="show-contact"
              type="button"
              aria-expanded={showContact}
              onClick={() => setShowContact(!showContact)}
            >
              {STRINGS.thread.contact}
            </button>
          </div>
        ) : null}
        {loaded ? (
          <LabelChips
            conversationId={id}
            labels={loaded.labels}
            onChanged={(labels) => {
              setDetails((shown) => (shown && shown !== 'missing' ? { ...shown, labels } : shown));
              onListChanged();
            }}
          />
        ) : null}
      </header>
      <div id="thread">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take focus for a keyboard to scroll it (WCAG 2.1.1, axe's scrollable-region-focusable); the history holds no control of its own. */}
        <ol id="messages" ref={messageList} tabIndex={0} aria-label={STRINGS.thread.messages}>
          {groupByDay(threadItems(threadMessages(messages), notes), (item) => item.at).flatMap((day) => [
            <li key={`day-${day.key}`} class="day">
              {dayLabel(day.key, now)}
            </li>,
            ...day.items.map((item) =>
              item.kind === 'note' ? (
                <NoteItem key={`note-${item.note.id}`} note={item.note} />
              ) : (
                <MessageItem key={item.message.id} message={item.message} />
              ),
            ),
          ])}
        </ol>
        {showContact && loaded ? <ContactPanel contact={loaded.contact} conversationId={id} /> : null}
      </div>
      <ReplyBox
        key={id}
        conversationId={id}
        platform={loaded?.platform ?? null}
        channelId={loaded?.channel?.id ?? null}
        replyWindow={loaded?.replyWindow ?? null}
        onSent={(message) => setMessages((shown) => withMessage(shown, message))}
        onNoted={(note) => setNotes((shown) => withNote(shown, note))}
      />
    </>
  );
}
