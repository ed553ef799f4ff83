import { reject, type Collector } from './collector.js';
import { asShape, listAt, textAt, type Untrusted } from './json.js';
import { metaTimeToIso } from './timestamp.js';

/**
 * The Graph API webhook envelope all three Meta platforms share:
 * `{ object, entry: [{ id, time, changes: [{ field, value }], messaging: [...] }] }`.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 */
export interface GraphEnvelope {
  /** `whatsapp_business_account`, `page` (Messenger) or `instagram`. */
  object: string;
  entry: GraphEntry[];
}

export interface GraphEntry {
  /** The WABA id, the page id or the Instagram professional account id (Meta's older docs show the IGSID there by mistake). */
  id: string;
  /** Milliseconds for messaging entries, seconds for some `changes` entries; absent on WhatsApp. */
  time?: number;
  changes?: GraphChange[];
  messaging?: unknown[];
  /** Messaging items another app owns under the handover protocol; same format as `messaging`. */
  standby?: unknown[];
}

export interface GraphChange {
  field: string;
  value: unknown;
}

/** One entry being read; its id and time are the fallbacks for the elements inside it. */
export interface EntryScope {
  entry: Untrusted<GraphEntry>;
  path: string;
  id: string | undefined;
  /** `entry.time` as ISO-8601, else the time the body was received. */
  time: string;
}

export interface ChangeScope {
  field: string | undefined;
  value: unknown;
  raw: unknown;
  path: string;
}

/** Checks the envelope, then reads each entry on its own. */
export function walkEntries(
  body: unknown,
  object: string,
  collector: Collector,
  read: (scope: EntryScope) => void,
): void {
  const envelope = asShape<GraphEnvelope>(body);
  if (!envelope) {
    collector.fail('', 'body is not a JSON object', body);
    return;
  }
  if (envelope.object !== object) {
    const sent = JSON.stringify(envelope.object) ?? 'none';
    collector.fail('object', `expected object "${object}", got ${sent}`, body);
    return;
  }
  if (!Array.isArray(envelope.entry)) {
    collector.fail('entry', 'entry is not a list', body);
    return;
  }
  collector.each(envelope.entry, 'entry', (element, path) => {
    const entry = asShape<GraphEntry>(element) ?? reject('entry is not an object');
    const time = metaTimeToIso(entry.time) ?? collector.receivedAt;
    read({ entry, path, id: textAt(entry, 'id'), time });
  });
}

/** Reads each `changes[]` element of an entry on its own. */
export function eachChange(scope: EntryScope, collector: Collector, read: (change: ChangeScope) => void): void {
  collector.each(listAt(scope.entry, 'changes'), `${scope.path}.changes`, (element, path) => {
    const change = asShape<GraphChange>(element) ?? reject('change is not an object');
    read({ field: textAt(change, 'field'), value: change.value, raw: element, path });
  });
}
