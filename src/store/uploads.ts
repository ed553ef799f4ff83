import type { Sql } from './database.js';

/** A file uploaded to reply with, as stored: the bytes are in the media store under `storageKey`. */
export interface Upload {
  id: number;
  storageKey: string;
  sha256: string;
  size: number;
  mimeType: string;
  filename: string | null;
}

export async function insertUpload(
  sql: Sql,
  upload: Omit<Upload, 'id'>,
  uploadedBy: { agentId?: number; tokenId?: number },
): Promise<number> {
  const [row] = await sql<{ id: string }[]>`
    insert into uploads (storage_key, sha256, size_bytes, mime_type, filename, uploaded_by_agent_id, uploaded_by_token_id)
    values (${upload.storageKey}, ${upload.sha256}, ${upload.size}, ${upload.mimeType}, ${upload.filename},
            ${uploadedBy.agentId ?? null}, ${uploadedBy.tokenId ?? null})
    returning id`;
  return Number(row.id);
}

export async function selectUpload(sql: Sql, id: number): Promise<Upload | undefined> {
  const [row] = await sql<
    { storage_key: string; sha256: string; size_bytes: string; mime_type: string; filename: string | null }[]
  >`
    select storage_key, sha256, size_bytes, mime_type, filename from uploads where id = ${id}`;
  return (
    row && {
      id,
      storageKey: row.storage_key,
      sha256: row.sha256,
      size: Number(row.size_bytes),
      mimeType: row.mime_type,
      filename: row.filename,
    }
  );
}
