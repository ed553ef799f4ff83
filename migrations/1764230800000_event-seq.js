/**
 * The real-time event log. Each queue row gets an `event_seq` from one sequence when its processing
 * commits; it is the SSE event id, and a dashboard that reconnects with `Last-Event-ID` reads back
 * everything after it. Seq order is commit order (the processor takes a lock around the stamp),
 * so "after N" never skips an event that committed late. Null until processed.
 */
export const up = (pgm) => {
  pgm.sql(`
    create sequence queue_logs_event_seq as bigint;
    alter table queue_logs add column event_seq bigint;
    create unique index queue_logs_event_seq_key on queue_logs (event_seq) where event_seq is not null;
  `);
};

export const down = (pgm) => {
  pgm.sql(`
    alter table queue_logs drop column event_seq;
    drop sequence queue_logs_event_seq;
  `);
};
