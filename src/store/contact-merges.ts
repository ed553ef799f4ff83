import { OmniError } from '../errors.js';
import { type AuditBy, recordAudit } from './audit-log.js';
import { channelCondition, type ChannelScope } from './channel-scope.js';
import { inRetriedTransaction, type Sql, type SqlPool } from './database.js';

/**
 * One lock for every merge and unmerge: links form a tree, and two merges that each look fine alone
 * (A into B, and B's root into A) could close a circle if they ran side by side. Merges are rare
 * and short, so taking them one at a time costs nothing. The key only has to differ from the other
 * advisory locks'. An erasure takes it too (after its contact's row), and may deadlock with a merge
 * holding it: PostgreSQL then rolls one back and both run in retried transactions.
 */
const MERGE_LOCK = 7_364_210_003;

/** What a merge or an unmerge did: `missing` names a contact that does not exist for the caller. */
export type MergeOutcome = { missing: number } | { changed: boolean };

/**
 * `with recursive` CTEs ending in `person(id)`: every contact of the person `contactId` belongs to,
 * itself included (its root, found by following `merged_into_id` up, and everything merged into
 * that root, down). `union` rather than `union all` stops at a contact already seen.
 */
export function personOf(sql: Sql, contactId: number) {
  return sql`
    with recursive up(id, merged_into_id) as (
      select id, merged_into_id from contacts where id = ${contactId}
      union
      select c.id, c.merged_into_id from contacts c join up on c.id = up.merged_into_id
    ), person(id) as (
      select id from up where merged_into_id is null
      union
      select c.id from contacts c join person on c.merged_into_id = person.id
    )`;
}

/** The root of the person whose contact `column` names (itself when nothing is merged into anything). */
export function personRoot(sql: Sql, column: string) {
  return sql`(
    with recursive up(id, merged_into_id) as (
      select r.id, r.merged_into_id from contacts r where r.id = ${sql(column)}
      union
      select c.id, c.merged_into_id from contacts c join up on c.id = up.merged_into_id
    ) select id from up where merged_into_id is null)`;
}

interface LinkRow {
  id: string;
  merged_into_id: string | null;
  erased_at: Date | null;
}

/** The contacts with these ids the scope sees, locked, by id. */
async function lockContacts(tx: Sql, ids: number[], scope: ChannelScope): Promise<Map<number, LinkRow>> {
  await tx`select pg_advisory_xact_lock(${MERGE_LOCK}::bigint)`;
  const rows = await tx<LinkRow[]>`
    select id, merged_into_id, erased_at from contacts
    where id = any(${ids}::bigint[]) and ${channelCondition(tx, 'channel_id', scope)}
    order by id for update`;
  return new Map(rows.map((row) => [Number(row.id), row]));
}

/**
 * Merges contact `contactId` into contact `intoId`, both seen by `scope`: the one link
 * `contacts.merged_into_id`, and its `contact.merged` audit row, in one transaction. Merging again
 * into the same contact changes nothing. Refused (409) for a contact merged elsewhere (unmerge it
 * first: a contact belongs to one person at a time), for two contacts that already are one person,
 * and for an erased contact, whose tombstone must stay linked to no one.
 */
export async function mergeContacts(
  sql: SqlPool,
  ids: { contactId: number; intoId: number },
  scope: ChannelScope,
  by: AuditBy,
): Promise<MergeOutcome> {
  const { contactId, intoId } = ids;
  return inRetriedTransaction(sql, async (tx) => {
    const found = await lockContacts(tx, [contactId, intoId], scope);
    const contact = found.get(contactId);
    const into = found.get(intoId);
    if (!contact) return { missing: contactId };
    if (!into) return { missing: intoId };
    if (contactId === intoId)
      throw new OmniError('OMNI_ERR_CONTACT_SAME_PERSON', `contact ${contactId} cannot be merged into itself`);
    if (contact.merged_into_id === String(intoId)) return { changed: false };
    if (contact.merged_into_id !== null)
      throw new OmniError(
        'OMNI_ERR_CONTACT_ALREADY_MERGED',
        `contact ${contactId} is merged into contact ${contact.merged_into_id}: unmerge it first`,
      );
    if (contact.erased_at || into.erased_at)
      throw new OmniError('OMNI_ERR_CONTACT_ERASED', `contact ${contact.erased_at ? contactId : intoId} is erased`);
    const [root] = await tx<
      { id: string }[]
    >`select ${personRoot(tx, 'ct.id')} as id from contacts ct where ct.id = ${intoId}`;
    if (root?.id === String(contactId))
      throw new OmniError(
        'OMNI_ERR_CONTACT_SAME_PERSON',
        `contact ${intoId} is already merged into contact ${contactId}`,
      );
    await tx`update contacts set merged_into_id = ${intoId}, updated_at = now() where id = ${contactId}`;
    await recordAudit(tx, {
      ...by,
      action: 'contact.merged',
      target: { kind: 'contact', id: contactId },
      detail: { into: intoId },
    });
    return { changed: true };
  });
}

/**
 * Undoes the merge of `contactId` (seen by `scope`, as the contact it is merged into must be): it
 * stands on its own again, with the contacts merged into it, and its conversations leave the
 * person's. Recorded as `contact.unmerged`. A contact merged into nothing is left as it is.
 */
export async function unmergeContact(
  sql: SqlPool,
  contactId: number,
  scope: ChannelScope,
  by: AuditBy,
): Promise<MergeOutcome> {
  return inRetriedTransaction(sql, async (tx) => {
    const contact = (await lockContacts(tx, [contactId], scope)).get(contactId);
    if (!contact) return { missing: contactId };
    if (contact.merged_into_id === null) return { changed: false };
    const from = Number(contact.merged_into_id);
    if (!(await lockContacts(tx, [from], scope)).has(from)) return { missing: contactId };
    await tx`update contacts set merged_into_id = null, updated_at = now() where id = ${contactId}`;
    await recordAudit(tx, {
      ...by,
      action: 'contact.unmerged',
      target: { kind: 'contact', id: contactId },
      detail: { from },
    });
    return { changed: true };
  });
}

/**
 * Takes an erased contact out of its person, inside the erasure's transaction: a link from a
 * tombstone to a known person would say who it was. What was merged into it stays together: it
 * moves up to the contact the tombstone was merged into or, when the tombstone was the person's
 * root, under the oldest of them.
 */
export async function unlinkErasedContact(tx: Sql, contactId: number): Promise<void> {
  await tx`select pg_advisory_xact_lock(${MERGE_LOCK}::bigint)`;
  const [erased] = await tx<{ merged_into_id: string | null }[]>`
    select merged_into_id from contacts where id = ${contactId}`;
  const children = await tx<{ id: string }[]>`
    select id from contacts where merged_into_id = ${contactId} order by id for update`;
  const heir = erased?.merged_into_id ?? children[0]?.id ?? null;
  await tx`
    update contacts set merged_into_id = case when id = ${heir} then null else ${heir}::bigint end, updated_at = now()
    where merged_into_id = ${contactId}`;
  await tx`update contacts set merged_into_id = null where id = ${contactId} and merged_into_id is not null`;
}
