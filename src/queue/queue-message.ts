import type { QueueUnit } from '../store/ingest.js';

/** What travels on SQS: a pointer to the committed row, never the payload itself. */
export interface QueueMessageBody {
  queueLogId: number;
  messageId: number;
  platform: string;
}

export function encodeQueueMessage(unit: QueueUnit): string {
  const body: QueueMessageBody = { queueLogId: unit.queueLogId, messageId: unit.messageId, platform: unit.platform };
  return JSON.stringify(body);
}

/** Returns null for a body that is not one of ours; such a message can only go to the DLQ. */
export function decodeQueueMessage(text: string | undefined): QueueMessageBody | null {
  if (!text) return null;
  try {
    const body = JSON.parse(text) as Partial<QueueMessageBody>;
    if (Number.isInteger(body.queueLogId) && Number.isInteger(body.messageId) && typeof body.platform === 'string') {
      return body as QueueMessageBody;
    }
  } catch {
    // fall through: not JSON
  }
  return null;
}
