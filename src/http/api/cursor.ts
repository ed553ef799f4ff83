import { OmniError } from '../../errors.js';
import type { ConversationCursor } from '../../store/conversation-list.js';

/** The conversation list's cursor as the client sees it: opaque base64url of `<iso time>|<id>`. */
export function encodeConversationCursor(cursor: ConversationCursor): string {
  return Buffer.from(`${cursor.lastMessageAt.toISOString()}|${cursor.id}`).toString('base64url');
}

/** Reads a cursor from `encodeConversationCursor`; a tampered one is a 400. */
export function decodeConversationCursor(value: string): ConversationCursor {
  const [time, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const lastMessageAt = new Date(time ?? '');
  const n = Number(id);
  if (Number.isNaN(lastMessageAt.getTime()) || !Number.isSafeInteger(n) || n < 1) {
    throw new OmniError('OMNI_ERR_API_BAD_REQUEST', 'cursor is not one this API gave out');
  }
  return { lastMessageAt, id: n };
}

/** The audit log's cursor: opaque base64url of the last row's id (the log pages by id). */
export function encodeAuditCursor(id: number): string {
  return Buffer.from(`audit|${id}`).toString('base64url');
}

/** Reads a cursor from `encodeAuditCursor`; anything else is a 400. */
export function decodeAuditCursor(value: string): number {
  const match = /^audit\|(\d{1,15})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  const id = Number(match?.[1]);
  if (!match || id < 1) throw new OmniError('OMNI_ERR_API_BAD_REQUEST', 'cursor is not one this API gave out');
  return id;
}
