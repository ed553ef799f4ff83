import type { JSONValue } from 'postgres';
import type { Sql } from './database.js';

export type SignatureColumn = 'valid' | 'missing' | 'invalid' | 'not_checked';

export interface WebhookLogRow {
  platform: string;
  method: string;
  /** Already redacted: see `redactHeaders`. */
  headers: Record<string, unknown>;
  rawBody: Buffer | null;
  /** Set when `rawBody` holds only the first bytes of the body (one that failed verification): the whole body's size and sha256 (hex). */
  wholeBody?: { length: number; sha256: string };
  signature: SignatureColumn;
  statusCode: number;
  errorCode: string | null;
  error: string | null;
  itemCount: number;
  /**
   * The channels whose secret authenticated an accepted request (`omni reprocess` routes its body
   * again from them); absent for a refused one.
   */
  channelIds?: readonly number[];
}

/** Writes one audit row and returns its id. */
export async function insertWebhookLog(sql: Sql, row: WebhookLogRow): Promise<number> {
  const [inserted] = await sql<{ id: string }[]>`
    insert into webhook_logs (platform, method, headers, raw_body, body_length, body_sha256, signature, status_code,
                              error_code, error, item_count)
    values (${row.platform}, ${row.method}, ${sql.json(row.headers as JSONValue)}, ${row.rawBody},
            ${row.wholeBody?.length ?? null}, ${row.wholeBody?.sha256 ?? null}, ${row.signature},
            ${row.statusCode}, ${row.errorCode}, ${row.error}, ${row.itemCount})
    returning id`;
  return Number(inserted.id);
}
