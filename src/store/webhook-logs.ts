import type { JSONValue } from 'postgres';
import type { Sql } from './database.js';

export type SignatureColumn = 'valid' | 'missing' | 'invalid' | 'not_checked';

export interface WebhookLogRow {
  platform: string;
  method: string;
  /** Already redacted: see `redactHeaders`. */
  headers: Record<string, unknown>;
  rawBody: Buffer | null;
  signature: SignatureColumn;
  statusCode: number;
  errorCode: string | null;
  error: string | null;
  itemCount: number;
}

/** Writes one audit row and returns its id. */
export async function insertWebhookLog(sql: Sql, row: WebhookLogRow): Promise<number> {
  const [inserted] = await sql<{ id: string }[]>`
    insert into webhook_logs (platform, method, headers, raw_body, signature, status_code, error_code, error, item_count)
    values (${row.platform}, ${row.method}, ${sql.json(row.headers as JSONValue)}, ${row.rawBody}, ${row.signature},
            ${row.statusCode}, ${row.errorCode}, ${row.error}, ${row.itemCount})
    returning id`;
  return Number(inserted.id);
}
