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

/** Who sent a file up: an agent by session, or an API token. */
export interface Uploader {
  agentId?: number;
  tokenId?: number;
}

export async function insertUpload(sql: Sql, upload: Omit<Upload, 'id'>, uploadedBy: Uploader): Promise<number> {
  const [row] = await sql<{ id: string }[]>`
    insert into uploads (storage_key, sha256, size_bytes, mime_type, filename, uploaded_by_agent_id, uploaded_by_token_id)
    values (${upload.storageKey}, ${upload.sha256}, ${upload.size}, ${upload.mimeType}, ${upload.filename},
            ${uploadedBy.agentId ?? null}, ${uploadedBy.tokenId ?? null})
    returning id`;
  return Number(row.id);
}

/**
 * The upload with this id, when `usableBy` may reply with it: `any` (an admin) may use every upload,
 * an uploader only its own, so an agent cannot send a file another inbox's agent sent up.
 */
export async function selectUpload(sql: Sql, id: number, usableBy: Uploader | 'any'): Promise<Upload | undefined> {
  const owned =
    usableBy === 'any'
      ? sql``
      : sql`and (uploaded_by_agent_id = ${usableBy.agentId ?? null} or uploaded_by_token_id = ${usableBy.tokenId ?? null})`;
  const [row] = await sql<
    { storage_key: string; sha256: string; size_bytes: string; mime_type: string; filename: string | null }[]
  >`
    select storage_key, sha256, size_bytes, mime_type, filename from uploads where id = ${id} ${owned}`;
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
