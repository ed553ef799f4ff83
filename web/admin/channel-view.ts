// The Channels screen's pure logic: a channel's health in a word and a line, its secrets as "set" or
// "not set", and the bodies its forms send. Tested by calling it (test/web/channel-view.test.ts).

import type { AdminChannel, ChannelPlatform } from '../api-types.js';
import { STRINGS } from '../strings.js';

const S = STRINGS.channels;

export type ChannelHealth = 'healthy' | 'failing' | 'silent' | 'disabled';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A channel's health by the rules `omni status` counts with (src/store/channel-health.ts), first match
 * wins: disabled; failing, a platform error in the last hour; silent, no webhook for a day or ever;
 * else healthy.
 */
export function channelHealth(c: Pick<AdminChannel, 'enabled' | 'health'>, now: Date): ChannelHealth {
  if (!c.enabled) return 'disabled';
  const since = (at: string | null) => (at === null ? Number.POSITIVE_INFINITY : now.getTime() - Date.parse(at));
  if (since(c.health.lastErrorAt) < HOUR_MS) return 'failing';
  if (since(c.health.lastWebhookAt) >= DAY_MS) return 'silent';
  return 'healthy';
}

/** How long ago `at` was, in the largest whole unit that fits: "just now", "5 min ago", "3 h ago", "2 days ago". */
export function ago(at: string, now: Date): string {
  const ms = Math.max(0, now.getTime() - Date.parse(at));
  if (ms < 60_000) return S.justNow;
  if (ms < HOUR_MS) return S.minutesAgo(Math.floor(ms / 60_000));
  if (ms < 2 * DAY_MS) return S.hoursAgo(Math.floor(ms / HOUR_MS));
  return S.daysAgo(Math.floor(ms / DAY_MS));
}

/** The health column's lines: when the last webhook came, and the last error with when it came. */
export function healthLines(c: Pick<AdminChannel, 'health'>, now: Date): string[] {
  const { lastWebhookAt, lastError, lastErrorAt } = c.health;
  const lines = [lastWebhookAt ? S.lastWebhook(ago(lastWebhookAt, now)) : S.noWebhook];
  if (lastError) lines.push(S.lastError(lastError, lastErrorAt ? ago(lastErrorAt, now) : ''));
  return lines;
}

/** A secret as the screen shows it: "set (…abcd)", or "not set"; the API answers a hint at most. */
export function secretState(c: Pick<AdminChannel, 'secrets'>, field: string): string {
  const hint = c.secrets[field];
  return hint === undefined ? S.notSet : S.set(hint);
}

/** The platform's secret fields a channel holds or may hold, in the platform's order. */
export function secretFields(platform: ChannelPlatform | undefined): string[] {
  return (platform?.fields ?? []).filter((f) => f.secret).map((f) => f.name);
}

/** A channel in words, for the note after a change: what the API now holds. */
export function describeChannel(c: Pick<AdminChannel, 'name' | 'platform' | 'enabled'>): string {
  return `${c.name} · ${c.platform} (${c.enabled ? S.enabled : S.disabled})`;
}

/** A form's text fields by name (what `FormData` holds of it). */
export type FormValues = Record<string, string>;

/** `POST /api/channels`'s body from the add form: blank fields are left out, for the API's defaults. */
export function addBody(platform: ChannelPlatform, form: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = { platform: platform.name, name: form.name?.trim() ?? '' };
  for (const field of platform.fields) {
    const value = form[field.name]?.trim();
    if (value) body[field.name] = value;
  }
  if (form.sendsPerSecond?.trim()) body.sendsPerSecond = Number(form.sendsPerSecond);
  if (form.assignment) body.assignment = form.assignment;
  return body;
}

/**
 * `PATCH /api/channels/:id`'s body from the edit form: only what changed. A blank secret keeps the
 * stored one (the form never holds it); a typed one replaces it. A blank optional field (WABA id,
 * send cap) clears it back to none or the platform's default.
 */
export function editBody(channel: AdminChannel, platform: ChannelPlatform, form: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const name = form.name?.trim();
  if (name && name !== channel.name) body.name = name;
  for (const field of platform.fields) {
    const value = form[field.name]?.trim() ?? '';
    if (field.secret) {
      if (value) body[field.name] = value;
    } else if (field.name in form && value !== (channel[field.name] ?? '')) {
      body[field.name] = value || null;
    }
  }
  const cap = form.sendsPerSecond?.trim() ?? '';
  if (cap !== String(channel.sendsPerSecond ?? '')) body.sendsPerSecond = cap ? Number(cap) : null;
  if (form.assignment && form.assignment !== channel.assignment) body.assignment = form.assignment;
  return body;
}
