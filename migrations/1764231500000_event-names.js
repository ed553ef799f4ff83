/**
 * Each announced item keeps the name its SSE event goes out under (conversation.created,
 * message.received, message.updated, status.changed, event.received), decided once when it is
 * announced, so a client catching up after Last-Event-ID hears the same names a live one did.
 */
export const up = (pgm) => {
  pgm.sql('alter table queue_logs add column event_name text');
};

export const down = (pgm) => {
  pgm.sql('alter table queue_logs drop column event_name');
};
