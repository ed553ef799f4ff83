/**
 * A person can go by more than one id on a platform: WhatsApp gives a phone number and a
 * business-scoped user id (BSUID), then only the BSUID once the user hides the number, and a new
 * BSUID after a change. `contact_identities` holds a contact's ids other than `contacts.external_id`,
 * so an item naming the person by any of them is filed under the same contact and conversation.
 * An id names one contact per account. Items keep the ids they brought: `messages.sender_aliases`
 * (the person's other ids) and `sender_replaces` (the id the sender had before), read when filed.
 */
export const up = (pgm) => {
  pgm.sql(`
    create table contact_identities (
      contact_id bigint not null references contacts (id) on delete cascade,
      platform text not null,
      account text,
      external_id text not null,
      created_at timestamptz not null default now(),
      unique nulls not distinct (platform, account, external_id)
    );
    create index contact_identities_contact_id on contact_identities (contact_id);
    alter table messages add column sender_aliases text[], add column sender_replaces text;
  `);
};

export const down = (pgm) => {
  pgm.sql(`
    alter table messages drop column sender_aliases, drop column sender_replaces;
    drop table contact_identities;
  `);
};
