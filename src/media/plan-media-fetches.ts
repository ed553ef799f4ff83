import type { FollowUpPlanner, NewJob } from '../jobs/types.js';
import type { MessageContent } from '../platforms/types.js';
import { insertPlannedAttachments, type PlannedAttachment } from '../store/attachments.js';
import { mediaItemsOf } from './media-items.js';

/**
 * Plans one `fetch_media` job per media item of the processed messages, inside the processing
 * transaction: the attachment rows (`pending`) commit with the message, so a crash can lose neither.
 * A message processed again plans nothing new.
 */
export const planMediaFetches: FollowUpPlanner = async (tx, items) => {
  const ids = items.filter((i) => i.kind === 'message').map((i) => i.messageId);
  if (ids.length === 0) return [];
  const rows = await tx<{ id: string; platform: string; content: MessageContent | null }[]>`
    select id, platform, content from messages
    where id = any(${ids}::bigint[]) and content is not null
      and (content ? 'media' or content -> 'extra' ? 'attachments')`;
  const planned: PlannedAttachment[] = rows.flatMap((row) =>
    mediaItemsOf(row.content).map((item, position) => ({
      messageId: Number(row.id),
      position,
      platform: row.platform,
      contentKind: item.kind,
      sourceRef: item.ref,
    })),
  );
  return (await insertPlannedAttachments(tx, planned)).map(fetchMediaJob);
};

/**
 * The job that fetches one attachment, in its own FIFO group: a slow download never holds back the
 * conversation's next messages, nor another attachment.
 */
export function fetchMediaJob(attachment: { id: number; messageId: number }): NewJob {
  return {
    kind: 'fetch_media',
    messageId: attachment.messageId,
    payload: { attachmentId: attachment.id },
    group: `attachment-${attachment.id}`,
  };
}
