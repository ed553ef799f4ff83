import type { BaseLogger } from 'pino';
import { OmniError } from '../errors.js';
import type { MediaStore } from '../media/media-store.js';
import type { AuditBy } from '../store/audit-log.js';
import { type ErasedRecords, eraseContactRecords } from '../store/contact-erasure.js';
import type { SqlPool } from '../store/database.js';
import { removePendingMediaDeletion, selectPendingMediaDeletions, storageKeyInUse } from '../store/media-deletions.js';

/** How the stored files went: deleted, kept (the same bytes still stored for someone else), or still to delete. */
export interface ErasedFiles {
  deleted: number;
  kept: number;
  /** Files that could not be deleted this time (the store failed): the next erasure run deletes them. */
  pending: number;
}

/** What an erasure did, in counts only: this is what the API answers (the audit row has the records' counts). */
export interface ContactErasure extends ErasedRecords {
  files: ErasedFiles;
}

export interface ErasureDeps {
  sql: SqlPool;
  mediaStore: MediaStore;
  // A request's logger or a command's: only a file the store failed to delete is written.
  logger: Pick<BaseLogger, 'warn'>;
}

/**
 * Erases a person (GDPR article 17): first every database record, in one transaction (see
 * `eraseContactRecords`), then the stored files it left to delete. Should the store fail halfway,
 * the records stay erased and the files not yet deleted stay listed in `media_deletions`, so
 * running the erasure again (for this or any contact) finishes them: every step is idempotent.
 * `by` (an agent, a token, the CLI's user) is recorded with the records, in their transaction, as a
 * `contact.erased` audit row of counts, never the person's data. Undefined for an unknown contact;
 * `OMNI_ERR_ERASURE_INCOMPLETE` when files remain to delete.
 */
export async function eraseContact(
  deps: ErasureDeps,
  contactId: number,
  by: AuditBy,
): Promise<ContactErasure | undefined> {
  const records = await eraseContactRecords(deps.sql, contactId, by);
  if (!records) return undefined;
  const files = await deleteErasedMedia(deps);
  if (files.pending > 0)
    throw new OmniError(
      'OMNI_ERR_ERASURE_INCOMPLETE',
      `contact ${contactId}'s records are erased, but ${files.pending} stored file(s) could not be deleted: run the erasure again`,
    );
  return { ...records, files };
}

/**
 * Deletes the files erasures left to delete, each only when no attachment or upload stores its key
 * any more (content addressing shares one file between everyone who sent the same bytes). A file
 * stored again for someone else between the check and the delete would be lost; that window is a
 * fetch of the very same bytes at the very moment of an erasure, and leaves that attachment unreadable.
 */
export async function deleteErasedMedia(deps: ErasureDeps): Promise<ErasedFiles> {
  const files: ErasedFiles = { deleted: 0, kept: 0, pending: 0 };
  for (const key of await selectPendingMediaDeletions(deps.sql)) {
    try {
      if (await storageKeyInUse(deps.sql, key)) files.kept += 1;
      else {
        await deps.mediaStore.delete([key]);
        files.deleted += 1;
      }
      await removePendingMediaDeletion(deps.sql, key);
    } catch (error) {
      files.pending += 1;
      deps.logger.warn({ err: error }, 'erasure: a stored file could not be deleted; the next erasure run retries it');
    }
  }
  return files;
}
