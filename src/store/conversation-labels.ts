import type { Sql } from './database.js';

/** The longest label, in characters once normalised (the `conversation_labels.label` check holds the same). */
export const LABEL_MAX_LENGTH = 50;

/** The most labels one conversation holds: each listed conversation answers all of its labels. */
export const LABELS_PER_CONVERSATION = 20;

/**
 * A label as it is stored and compared: Unicode NFC, ends trimmed, every run of white space one
 * space, lowercase. So "VIP ", "vip" and "Vip" are one label, whoever typed it.
 */
export function normaliseLabel(label: string): string {
  return label.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** A conversation's labels, in alphabetical order. */
export async function listConversationLabels(sql: Sql, conversationId: number): Promise<string[]> {
  const rows = await sql<{ label: string }[]>`
    select label from conversation_labels where conversation_id = ${conversationId} order by label`;
  return rows.map((r) => r.label);
}

/**
 * Adds a normalised label to a conversation the caller has already found, in the caller's
 * transaction: `added`, `present` when it had it already (nothing changes), or `full` when it holds
 * LABELS_PER_CONVERSATION others.
 */
export async function addConversationLabel(
  sql: Sql,
  conversationId: number,
  label: string,
): Promise<'added' | 'present' | 'full'> {
  // Two labels added at once would each count the other's absence and both be inserted, past the
  // limit: the conversation's row lock, held to the commit, makes the second count after the first.
  await sql`select 1 from conversations where id = ${conversationId} for update`;
  const [row] = await sql<{ present: boolean; count: number }[]>`
    select exists (select 1 from conversation_labels where conversation_id = ${conversationId} and label = ${label}) as present,
           (select count(*)::int from conversation_labels where conversation_id = ${conversationId}) as count`;
  if (row?.present) return 'present';
  if ((row?.count ?? 0) >= LABELS_PER_CONVERSATION) return 'full';
  await sql`
    insert into conversation_labels (conversation_id, label) values (${conversationId}, ${label})
    on conflict do nothing`;
  return 'added';
}

/** Removes a normalised label from a conversation; false when it did not have it. */
export async function removeConversationLabel(sql: Sql, conversationId: number, label: string): Promise<boolean> {
  const rows = await sql`
    delete from conversation_labels where conversation_id = ${conversationId} and label = ${label} returning label`;
  return rows.length > 0;
}
