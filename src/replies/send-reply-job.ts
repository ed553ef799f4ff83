import { buffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERRORS, isOmniError, OmniError, type ErrorCode } from '../errors.js';
import { RetryJobLater, type JobHandler, type JobResult } from '../jobs/types.js';
import type { PlatformApis } from '../platforms/platform.js';
import { secretField } from '../platforms/channel-shape.js';
import { platformFor } from '../platforms/registry.js';
import type { OutboundFile, PlatformSender, SendOutcome, UploadedFile } from '../platforms/types.js';
import type { Channel } from '../channels/channel.js';
import type { MediaStore } from '../media/media-store.js';
import type { Sql } from '../store/database.js';
import type { DeliveryError } from '../store/delivery-status.js';
import { applyStoredStatuses } from '../store/delivery-status.js';
import {
  closeUnsentAttempt,
  markReplyFailed,
  markReplySent,
  openSendAttempt,
  recordSendMediaId,
  selectReplyToSend,
  type ReplyToSend,
} from '../store/outbound-messages.js';
import { recordChannelError } from '../store/channels.js';
import { holdSendRate, reserveSendSlot } from '../store/send-rate.js';
import { replyChannel, type ReplyChannels } from './reply-channel.js';
import { checkReplyRules } from './reply-rules.js';

export interface SendReplyOptions {
  /** The channels replies go out through: the conversation's gives the token and the send cap. */
  channels: ReplyChannels;
  /** The platforms' API origins and the send clients' timeout: an attempt open longer than this (plus a margin) got no answer. */
  apis: PlatformApis;
  /** Where uploaded files are read from when a reply sends one. */
  mediaStore: MediaStore;
}

/**
 * How long a job sleeps in the worker for its send slot; a slot further off goes back to the queue
 * (kept, and the job returns a little before it), so a burst never holds a worker or outlasts the
 * queue's visibility timeout.
 */
const MAX_SLOT_WAIT_MS = 2000;
/** How late after its slot a message call may still start; later, it takes a new slot (at most twice). */
const LATE_SLOT_MS = 10;
const MAX_SLOT_RETAKES = 2;
/**
 * A slot can be behind before the worker hears of it: an idle account's next slot is "now" on the
 * database's clock, and the answer takes a round trip to come back (tens of ms on a busy host). Up
 * to this much of that is not lateness, since no worker could have done better; with LATE_SLOT_MS
 * it stays well inside SLOT_MARGIN_MS, so the cap still holds.
 */
const ROUND_TRIP_ALLOWANCE_MS = 50;
/**
 * Slots are spaced so that `rate` of them span this much more than a second. A send leaves a little
 * after its slot (the reservation's answer on its way back, a timer firing late, the request on its
 * way out) and by a different little each time; at exactly `1/rate` apart, one send late by a few
 * ms next to one on time puts `rate + 1` in some second at the platform. The margin absorbs up to
 * this much difference, at the cost of a top speed of `rate * 1000 / (1000 + SLOT_MARGIN_MS)`.
 */
const SLOT_MARGIN_MS = 100;
/** Time for an attempt's own bookkeeping after its call timed out. */
const ATTEMPT_MARGIN_MS = 5000;

async function fail(sql: Sql, messageId: number, error: DeliveryError & { message: string }): Promise<JobResult> {
  await markReplyFailed(sql, messageId, error);
  return { outcome: 'failed', reason: error.message, announce: true };
}

/**
 * `fail`, after the platform answered the send so (refused it, left its outcome unknown, kept
 * failing): the channel's health shows it as its last error, short (the platform's words, which
 * carry no token: senders send tokens in headers).
 */
async function failAtPlatform(
  sql: Sql,
  messageId: number,
  channel: Channel,
  error: DeliveryError & { message: string },
): Promise<JobResult> {
  await recordChannelError(sql, channel.id, `${error.code}: ${error.message}`.slice(0, 300));
  return fail(sql, messageId, error);
}

/**
 * A reply's uploaded file as its sender takes it: the bytes are read from the media store only when
 * the sender needs them (not for a WhatsApp retry that reuses its media id). A file gone from the
 * store fails the reply (see the job).
 */
function outboundFile(
  sql: Sql,
  store: MediaStore,
  reply: ReplyToSend,
  upload: UploadedFile,
  filename: string | undefined,
): OutboundFile {
  return {
    mimeType: upload.mimeType,
    filename: filename ?? upload.filename ?? 'upload',
    async read() {
      const object = await store.get(upload.storageKey);
      if (!object)
        throw new OmniError('OMNI_ERR_REPLY_UPLOAD_UNKNOWN', `upload ${upload.id} is missing from the media store`);
      return new Blob([await buffer(object.body)], { type: upload.mimeType });
    },
    ...(reply.sendMediaId !== null ? { uploadedId: reply.sendMediaId } : {}),
    rememberUploadedId: (id) => recordSendMediaId(sql, reply.id, id),
  };
}

/** Why a channel cannot send, naming what to set: its variable (environment) or its flag (database). */
function noTokenReason(channel: Channel): string {
  const shape = platformFor(channel.platform).channel;
  const flag = secretField(shape, shape.token)?.flag;
  return channel.source === 'environment'
    ? `channel ${channel.name} (${channel.platform}) has no token: set ${shape.environment.tokenVariable}`
    : `channel ${channel.name} (id ${channel.id}) has no token: omni channel update ${channel.id} ${flag} …`;
}

const omniFailure = (code: ErrorCode, message: string = ERRORS[code].message) => ({ code, message });

/**
 * The `send_message` job: sends one stored reply through its platform, in its account's next send
 * slot. Sent: the reply takes the platform's id and shows `sent`. Refused by the platform, or
 * against the rules by now (the window closed while it waited): failed with the reason, at once.
 * Throttled: retried after the delay the platform asked for, which also holds back the account's
 * other sends. Unanswered (a timeout): failed as "outcome unknown" and never sent again — no
 * platform here takes an idempotency key, and a double message is worse than an agent resending.
 * A job that finds an attempt still open from an earlier run treats it the same way once that
 * attempt's time is up (the worker died mid-call). On the job's last receive nothing waits: a reply
 * that would go back to the queue (for its slot, after a throttle) fails as retries exhausted, and
 * one with an attempt still open as "outcome unknown".
 */
export function createSendReplyHandler(options: SendReplyOptions): JobHandler {
  // One sender per channel as loaded: a reload makes new Channel objects, so a changed token gets a
  // new sender on the next reply, and a replaced one is collected with its channel.
  const senders = new WeakMap<Channel, PlatformSender | undefined>();
  const senderOf = (channel: Channel) => {
    if (!senders.has(channel))
      senders.set(channel, platformFor(channel.platform).createSender(channel.secrets, options.apis));
    return senders.get(channel);
  };
  const send: JobHandler = async ({ sql }, job) => {
    const reply = await selectReplyToSend(sql, job.messageId);
    if (!reply) throw new OmniError('OMNI_ERR_QUEUE_ITEM_MISSING', `reply ${job.messageId} not found`);
    // Sent or failed already: a repeated delivery of a job that finished.
    if (reply.deliveryStatus !== 'queued') return { outcome: 'done' };
    const openFor = options.apis.timeoutMs + ATTEMPT_MARGIN_MS;
    if (reply.attemptOpenForMs !== null) {
      // On the last receive the open attempt's answer cannot be waited for, and it may have gone out.
      if (reply.attemptOpenForMs < openFor && !job.lastAttempt)
        throw new RetryJobLater(
          'an earlier attempt is still waiting for its answer',
          (openFor - reply.attemptOpenForMs) / 1000,
        );
      return fail(sql, reply.id, omniFailure('OMNI_ERR_REPLY_OUTCOME_UNKNOWN'));
    }
    let channel: Channel;
    let tag: 'HUMAN_AGENT' | undefined;
    try {
      channel = replyChannel(options.channels, reply.channelId);
      ({ tag } = checkReplyRules(reply.platform, reply.reply, reply.lastInboundAt));
    } catch (error) {
      if (isOmniError(error)) return fail(sql, reply.id, omniFailure(error.code, error.message));
      throw error;
    }
    const sender = senderOf(channel);
    if (!sender)
      return fail(sql, reply.id, omniFailure('OMNI_ERR_REPLY_PLATFORM_NOT_CONFIGURED', noTokenReason(channel)));

    // The cap is the channel's; the rate key stays the account's (the platform counts per number, Page or bot).
    const accountKey = `${reply.platform}:${reply.account ?? ''}`;
    const gapSeconds = (1 + SLOT_MARGIN_MS / 1000) / channel.sendsPerSecond;
    // A slot is a time (the database's clock; hosts keep NTP time), not a delay from the query's
    // answer, which a busy worker reads late and would carry into the send. One further off than a
    // worker waits sends the job back to the queue, keeping the slot.
    const waitable = (slotAt: number) => {
      const slotInMs = slotAt - Date.now();
      if (slotInMs > MAX_SLOT_WAIT_MS)
        throw new RetryJobLater('waiting for a send slot (rate cap)', (slotInMs - MAX_SLOT_WAIT_MS / 2) / 1000);
      return slotAt;
    };
    // When this worker learnt of its slot: lateness before that was the reservation's round trip.
    let learntAt = Date.now();
    const reserve = async () => {
      const slotAt = waitable(await reserveSendSlot(sql, reply.id, accountKey, gapSeconds));
      learntAt = Date.now();
      return slotAt;
    };
    // A slot kept from an earlier receive is used while it is ahead; a passed one is stale (sending
    // late in it could bunch with the sends of later slots), so the job takes a new one.
    let due = reply.slotAt !== null && reply.slotAt >= Date.now() ? waitable(reply.slotAt) : await reserve();
    // Awaited by the sender right before its message call. A call that would start well after its
    // slot would land among the sends of later slots and push that second over the cap, so a send
    // that comes late (a busy event loop, a slow upload) takes a new slot; if it keeps coming late,
    // the job is tried again shortly rather than send off its slot.
    const waitForSlot = async () => {
      for (let retake = 0; ; retake++) {
        // Never before the slot: a timer may fire a little early.
        for (let wait = due - Date.now(); wait > 0; wait = due - Date.now()) await sleep(wait);
        const lateFrom = Math.min(Math.max(due, learntAt), due + ROUND_TRIP_ALLOWANCE_MS);
        if (Date.now() - lateFrom <= LATE_SLOT_MS) return;
        if (retake === MAX_SLOT_RETAKES) throw new RetryJobLater('this worker kept missing its send slot', 1);
        due = await reserve();
      }
    };

    if (!(await openSendAttempt(sql, reply.id))) {
      // As with an earlier attempt still open: on the last receive it cannot be waited for.
      if (job.lastAttempt) return fail(sql, reply.id, omniFailure('OMNI_ERR_REPLY_OUTCOME_UNKNOWN'));
      throw new RetryJobLater('another attempt is sending this reply', openFor / 1000);
    }
    const { content } = reply.reply;
    const file =
      content.kind === 'media' && content.upload
        ? outboundFile(sql, options.mediaStore, reply, content.upload, content.filename)
        : undefined;
    let result: SendOutcome;
    try {
      result = await sender.send({
        account: reply.account,
        conversationKey: reply.conversationKey,
        content,
        replyTo: reply.reply.replyTo?.externalId,
        tag,
        ...(file ? { file } : {}),
        waitForSlot,
      });
    } catch (error) {
      // A sender throws only before its message call (reading the file, recording its media id,
      // waiting for its slot): nothing went out, so the attempt closes, keeping a slot it waits
      // for; a file gone from the store fails the reply for good.
      if (isOmniError(error, 'OMNI_ERR_REPLY_UPLOAD_UNKNOWN'))
        return fail(sql, reply.id, omniFailure(error.code, error.message));
      await closeUnsentAttempt(sql, reply.id, { keepSlot: error instanceof RetryJobLater });
      throw error;
    }
    switch (result.outcome) {
      case 'sent':
        await markReplySent(sql, reply.id, result.externalId);
        // Statuses can beat the send's answer here; committed before this read, they apply now.
        await applyStoredStatuses(sql, [reply.id]);
        return { outcome: 'done', announce: true };
      case 'rejected':
        return failAtPlatform(sql, reply.id, channel, {
          code: result.code,
          title: ERRORS.OMNI_ERR_REPLY_REJECTED.message,
          message: result.reason,
        });
      case 'unknown':
        return failAtPlatform(sql, reply.id, channel, {
          code: 'OMNI_ERR_REPLY_OUTCOME_UNKNOWN',
          message: `${result.reason}; not sent again to avoid a double`,
        });
      case 'throttled':
        await closeUnsentAttempt(sql, reply.id);
        await holdSendRate(sql, accountKey, result.retryAfterSeconds);
        throw new RetryJobLater(result.reason, result.retryAfterSeconds);
      case 'unavailable':
        await closeUnsentAttempt(sql, reply.id);
        if (job.lastAttempt)
          return failAtPlatform(sql, reply.id, channel, {
            code: 'OMNI_ERR_REPLY_RETRIES_EXHAUSTED',
            message: result.reason,
          });
        throw new OmniError('OMNI_ERR_REPLY_UNAVAILABLE', result.reason);
    }
  };
  return async (context, job) => {
    try {
      return await send(context, job);
    } catch (error) {
      // No retry follows the last receive: a reply sent back to wait (for its slot, after a
      // throttle) would reach the DLQ still `queued`, never sent nor failed, and no agent told.
      if (error instanceof RetryJobLater && job.lastAttempt)
        return fail(context.sql, job.messageId, { code: 'OMNI_ERR_REPLY_RETRIES_EXHAUSTED', message: error.message });
      throw error;
    }
  };
}
