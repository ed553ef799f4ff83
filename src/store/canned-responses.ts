import { OmniError } from '../errors.js';
import { type AuditBy, recordAudit } from './audit-log.js';
import { inTransaction, type Sql, type SqlPool } from './database.js';

/** A text the whole team shares, inserted in the reply box by typing `/` and its shortcode. */
export interface CannedResponse {
  id: number;
  /** Unique; lowercase letters, digits, `-` and `_` (the table's check holds the same rule). */
  shortcode: string;
  text: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What a canned response is made of; a change gives either or both. */
export interface CannedFields {
  shortcode: string;
  text: string;
}

interface CannedRow {
  id: string;
  shortcode: string;
  text: string;
  created_at: Date;
  updated_at: Date;
}

const toCanned = (r: CannedRow): CannedResponse => ({
  id: Number(r.id),
  shortcode: r.shortcode,
  text: r.text,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Runs a write; when the unique index refuses the shortcode, throws the 409 that names it. */
async function claimingShortcode<T>(shortcode: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    throw new OmniError(
      'OMNI_ERR_CANNED_SHORTCODE_TAKEN',
      `shortcode: /${shortcode} is taken by another canned response`,
    );
  }
}

/** Every canned response, by shortcode. */
export async function listCannedResponses(sql: Sql): Promise<CannedResponse[]> {
  const rows = await sql<CannedRow[]>`select * from canned_responses order by shortcode`;
  return rows.map(toCanned);
}

/** Stores a new canned response, audited as `canned_response.created`; 409 when its shortcode is taken. */
export async function createCannedResponse(sql: SqlPool, by: AuditBy, fields: CannedFields): Promise<CannedResponse> {
  return inTransaction(sql, async (sql) => {
    const [row] = await claimingShortcode(
      fields.shortcode,
      () => sql<CannedRow[]>`
        insert into canned_responses (shortcode, text) values (${fields.shortcode}, ${fields.text}) returning *`,
    );
    const created = toCanned(row);
    await recordAudit(sql, {
      ...by,
      action: 'canned_response.created',
      target: { kind: 'canned_response', id: created.id },
      detail: { shortcode: created.shortcode },
    });
    return created;
  });
}

/**
 * Changes a canned response's shortcode or text, audited as `canned_response.updated` with the
 * fields changed; undefined when there is none with this id, 409 when the new shortcode is taken.
 */
export async function updateCannedResponse(
  sql: SqlPool,
  by: AuditBy,
  id: number,
  changes: Partial<CannedFields>,
): Promise<CannedResponse | undefined> {
  return inTransaction(sql, async (sql) => {
    const [row] = await claimingShortcode(
      changes.shortcode,
      () => sql<CannedRow[]>`
        update canned_responses
        set shortcode = coalesce(${changes.shortcode ?? null}, shortcode), text = coalesce(${changes.text ?? null}, text),
            updated_at = now()
        where id = ${id} returning *`,
    );
    if (!row) return undefined;
    const updated = toCanned(row);
    await recordAudit(sql, {
      ...by,
      action: 'canned_response.updated',
      target: { kind: 'canned_response', id },
      detail: { shortcode: updated.shortcode, changed: Object.keys(changes) },
    });
    return updated;
  });
}

/** Deletes a canned response, audited as `canned_response.deleted`; undefined when there is none with this id. */
export async function deleteCannedResponse(sql: SqlPool, by: AuditBy, id: number): Promise<CannedResponse | undefined> {
  return inTransaction(sql, async (sql) => {
    const [row] = await sql<CannedRow[]>`delete from canned_responses where id = ${id} returning *`;
    if (!row) return undefined;
    const deleted = toCanned(row);
    await recordAudit(sql, {
      ...by,
      action: 'canned_response.deleted',
      target: { kind: 'canned_response', id },
      detail: { shortcode: deleted.shortcode },
    });
    return deleted;
  });
}
