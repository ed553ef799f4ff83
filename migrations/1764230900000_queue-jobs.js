/**
 * Jobs ride the same outbox as inbound items: a `queue_logs` row with a `job` kind (a reply to send,
 * an attachment to fetch, an event to deliver to a subscribed endpoint), its `job_payload` and the
 * `job_group` that orders it on a FIFO queue. They
 * get the same relay, retries, dead-lettering, DLQ replay and processing status as everything else.
 * Every job is about one message, so `message_id` stays required; only an inbound item's own row is
 * unique per message (a message can have many jobs).
 */
export const up = (pgm) => {
  pgm.sql(`
    alter table queue_logs add column job text;
    alter table queue_logs add column job_payload jsonb;
    alter table queue_logs add column job_group text;
    alter table queue_logs drop constraint queue_logs_message_id_key;
    create unique index queue_logs_item_message on queue_logs (message_id) where job is null;
    create index queue_logs_job_message on queue_logs (message_id) where job is not null;
  `);
};

export const down = (pgm) => {
  pgm.sql(`
    delete from queue_logs where job is not null;
    drop index queue_logs_job_message;
    drop index queue_logs_item_message;
    alter table queue_logs add constraint queue_logs_message_id_key unique (message_id);
    alter table queue_logs drop column job_group, drop column job_payload, drop column job;
  `);
};
