import type { Sql } from './database.js';

/** Who wrote a note: an agent, or an API token (an integration); null once that one is deleted. */
export interface NoteAuthor {
  kind: 'agent' | 'token';
  id: number;
  name: string;
}

/** A private note on a conversation: agents' words, never sent to the contact or any platform. */
export interface ConversationNote {
  id: number;
  conversationId: number;
  text: string;
  author: NoteAuthor | null;
  createdAt: Date;
}

/** Who a new note is by: the agent of a session, or the API token of a request. */
export type NoteWrittenBy = { agentId: number } | { tokenId: number | undefined };

export interface ListConversationNotesOptions {
  /** Page size; 50 by default. */
  limit?: number;
  /** A note id from an earlier page: the page then holds the notes written before it. */
  before?: number;
}

interface NoteRow {
  id: string;
  conversation_id: string;
  text: string;
  created_at: Date;
  agent_id: string | null;
  agent_name: string | null;
  token_id: string | null;
  token_name: string | null;
}

/** Stores a note on a conversation (which the caller has found in its scope) and answers its id. */
export async function insertConversationNote(
  sql: Sql,
  conversationId: number,
  text: string,
  by: NoteWrittenBy,
): Promise<number> {
  const agentId = 'agentId' in by ? by.agentId : null;
  const tokenId = 'tokenId' in by ? (by.tokenId ?? null) : null;
  const [row] = await sql<{ id: string }[]>`
    insert into conversation_notes (conversation_id, author_agent_id, author_token_id, text)
    values (${conversationId}, ${agentId}, ${tokenId}, ${text})
    returning id`;
  return Number(row.id);
}

/**
 * A page of a conversation's notes in the order they were written, oldest first: the latest page
 * by default, the page before a note with `before`. Keyset on `conversation_notes_conversation`.
 */
export async function listConversationNotes(
  sql: Sql,
  conversationId: number,
  options: ListConversationNotesOptions = {},
): Promise<ConversationNote[]> {
  const cursor =
    options.before === undefined
      ? sql``
      : sql`and (n.created_at, n.id) < (select b.created_at, b.id from conversation_notes b where b.id = ${options.before})`;
  const rows = await sql<NoteRow[]>`
    select ${noteColumns(sql)}
    from conversation_notes n
    left join agents a on a.id = n.author_agent_id
    left join api_tokens t on t.id = n.author_token_id
    where n.conversation_id = ${conversationId} ${cursor}
    order by n.created_at desc, n.id desc
    limit ${options.limit ?? 50}`;
  return rows.reverse().map(toConversationNote);
}

/** One note by id, as the notes list shows it. */
export async function selectConversationNote(sql: Sql, noteId: number): Promise<ConversationNote | undefined> {
  const [row] = await sql<NoteRow[]>`
    select ${noteColumns(sql)}
    from conversation_notes n
    left join agents a on a.id = n.author_agent_id
    left join api_tokens t on t.id = n.author_token_id
    where n.id = ${noteId}`;
  return row && toConversationNote(row);
}

function noteColumns(sql: Sql) {
  return sql`n.id, n.conversation_id, n.text, n.created_at, a.id as agent_id, a.name as agent_name,
             t.id as token_id, t.name as token_name`;
}

function toConversationNote(r: NoteRow): ConversationNote {
  const author: NoteAuthor | null =
    r.agent_id !== null && r.agent_name !== null
      ? { kind: 'agent', id: Number(r.agent_id), name: r.agent_name }
      : r.token_id !== null && r.token_name !== null
        ? { kind: 'token', id: Number(r.token_id), name: r.token_name }
        : null;
  return {
    id: Number(r.id),
    conversationId: Number(r.conversation_id),
    text: r.text,
    author,
    createdAt: r.created_at,
  };
}
