/**
 * A WhatsApp reaction is a message of its own naming the message it reacts to in
 * `content.reaction.targetId`; the thread reads a page's reactions by that id within the
 * conversation (`store/message-annotations.ts`). `messages_reaction_targets` holds only reaction
 * rows, keyed by conversation and target, with the query's very expression and predicate, so the
 * planner can use it without reading every message of a long conversation.
 *
 * Outside a transaction, as the migrations before it that index `messages`: every webhook writes
 * it, so the index is built concurrently, and each step can run again.
 */
const NAME = 'messages_reaction_targets';

export const up = async (pgm) => {
  pgm.noTransaction();
  // A concurrent build that failed leaves an invalid index behind: drop it, then build again.
  const invalid = await pgm.db.select(`select 1 from pg_index where indexrelid = to_regclass($1) and not indisvalid`, [
    NAME,
  ]);
  if (invalid.length > 0) pgm.sql(`drop index concurrently if exists ${NAME}`);
  pgm.sql(`
    create index concurrently if not exists ${NAME}
    on messages (conversation_id, (content -> 'reaction' ->> 'targetId'))
    where kind = 'message' and content_kind = 'reaction'`);
};

export const down = (pgm) => {
  pgm.noTransaction();
  pgm.sql(`drop index concurrently if exists ${NAME}`);
};
