import type { MessageContent } from '../platforms/types.js';
import type { Sql } from './database.js';

/** One person's reaction on a message, as it stands after their latest change. */
export interface MessageReaction {
  emoji: string;
  /** Who reacted, as the platform names them; null when the platform does not say (anonymous admins). */
  from: string | null;
  at: Date;
}

/** The message another one answers: found in its conversation, or only its platform id when Omni never saw it. */
export interface QuotedMessage {
  externalId: string;
  /** Its row id; null when Omni holds no such message in the conversation. */
  messageId: number | null;
  direction: 'inbound' | 'outbound' | null;
  text: string | null;
  contentKind: string | null;
}

/** What later items say about a message: who reacts to it now, its latest edit, its deletion, the message it answers. */
export interface MessageAnnotations {
  reactions: MessageReaction[];
  /** The latest edit: the text the message has now. */
  edit: { text: string | null; at: Date } | null;
  /** When the sender deleted (unsent) it; the message keeps what Omni received. */
  deletedAt: Date | null;
  replyTo: QuotedMessage | null;
}

const NONE: MessageAnnotations = { reactions: [], edit: null, deletedAt: null, replyTo: null };

interface ChangeRow {
  target_id: string;
  type: string;
  sender: string | null;
  text: string | null;
  content: MessageContent | null;
  platform_timestamp: Date;
}

interface QuoteRow {
  message_id: string;
  external_id: string;
  quoted_id: string | null;
  direction: QuotedMessage['direction'];
  text: string | null;
  content_kind: string | null;
}

/**
 * The annotations of a page of messages, by message id. Platforms report reactions, edits and
 * deletions as events naming the message (`subject_external_id`), except WhatsApp, whose reaction
 * is a message of its own naming its target in `content.reaction.targetId`; both are read here,
 * only from the message's own conversation (the reactions through `messages_reaction_targets`).
 * Changes are read in platform order, ties broken by `platform_seq` and row id, so of two reactions
 * by one person in the same second the same one wins on every read.
 */
export async function selectMessageAnnotations(
  sql: Sql,
  messageIds: number[],
): Promise<Map<number, MessageAnnotations>> {
  const annotations = new Map<number, MessageAnnotations>();
  if (messageIds.length === 0) return annotations;
  const [changes, quotes] = await Promise.all([
    sql<ChangeRow[]>`
      select t.id as target_id, e.type, e.sender, e.text, e.content, e.platform_timestamp, e.platform_seq, e.id as change_id
      from messages t
      join messages e on e.platform = t.platform and e.subject_external_id = t.external_id
                     and e.conversation_id = t.conversation_id
                     and e.kind = 'event' and e.type in ('reaction', 'edit', 'delete')
      where t.id = any(${messageIds}::bigint[])
      union all
      select t.id, 'reaction', r.sender, r.text, r.content, r.platform_timestamp, r.platform_seq, r.id
      from messages t
      join messages r on r.conversation_id = t.conversation_id and r.kind = 'message'
                     and r.content_kind = 'reaction' and r.content -> 'reaction' ->> 'targetId' = t.external_id
      where t.id = any(${messageIds}::bigint[])
      order by platform_timestamp, platform_seq, change_id, target_id`,
    sql<QuoteRow[]>`
      select t.id as message_id, t.content ->> 'replyTo' as external_id, q.id as quoted_id, q.direction, q.text, q.content_kind
      from messages t
      left join messages q on q.platform = t.platform and q.account is not distinct from t.account
                          and q.external_id = t.content ->> 'replyTo' and q.kind = 'message'
                          and q.conversation_id = t.conversation_id
      where t.id = any(${messageIds}::bigint[]) and t.content ? 'replyTo'`,
  ]);
  const of = (id: number) => {
    const known = annotations.get(id) ?? { ...NONE, reactions: [] };
    annotations.set(id, known);
    return known;
  };
  const latestReactions = new Map<number, Map<string, ChangeRow>>();
  for (const change of changes) {
    const id = Number(change.target_id);
    if (change.type === 'reaction') {
      const byReactor = latestReactions.get(id) ?? new Map<string, ChangeRow>();
      byReactor.set(change.sender ?? '', change);
      latestReactions.set(id, byReactor);
    } else if (change.type === 'delete') {
      of(id).deletedAt = change.platform_timestamp;
    } else if (isEdit(change)) {
      of(id).edit = { text: change.text, at: change.platform_timestamp };
    }
  }
  for (const [id, byReactor] of latestReactions) {
    const reactions = [...byReactor.values()].flatMap((change) =>
      emojisOf(change).map((emoji) => ({ emoji, from: change.sender, at: change.platform_timestamp })),
    );
    if (reactions.length > 0) of(id).reactions = reactions;
  }
  for (const quote of quotes) {
    of(Number(quote.message_id)).replyTo = {
      externalId: quote.external_id,
      messageId: quote.quoted_id === null ? null : Number(quote.quoted_id),
      direction: quote.direction,
      text: quote.text,
      contentKind: quote.content_kind,
    };
  }
  return annotations;
}

/** A message with nothing said about it. */
export function noAnnotations(): MessageAnnotations {
  return { ...NONE, reactions: [] };
}

/** Instagram sends `num_edit: 0` when a message is first created: that is no edit. */
function isEdit(change: ChangeRow): boolean {
  return change.content?.extra?.numEdit !== 0;
}

/**
 * The emoji a reactor's latest reaction leaves on the message: Telegram lists all of a person's
 * current reactions (`extra.current`, custom emoji and paid stars as labels with no emoji to show);
 * the others name one emoji, or none once it is taken back.
 */
function emojisOf(change: ChangeRow): string[] {
  const current = change.content?.extra?.current;
  if (Array.isArray(current)) {
    return current.filter(
      (label): label is string =>
        typeof label === 'string' && !label.includes(':') && !['paid', 'emoji', 'unknown'].includes(label),
    );
  }
  const emoji = change.content?.reaction?.emoji;
  return emoji ? [emoji] : [];
}
