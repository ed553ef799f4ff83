/**
 * Contact profiles (Messenger, Instagram) are fetched by a `fetch_profile` job planned with a
 * contact's message. `profile_requested_at` is when one was last planned: a batch plans a fetch only
 * when neither it nor `profile_fetched_at` is recent, under the contact's row lock, so two workers
 * filing the same contact at once plan one job, and none is planned while one is still waiting.
 * A nullable column without a default: adding it rewrites nothing.
 */
export const up = (pgm) => {
  pgm.noTransaction();
  pgm.sql(`alter table contacts add column if not exists profile_requested_at timestamptz`);
};

export const down = (pgm) => {
  pgm.noTransaction();
  pgm.sql(`alter table contacts drop column if exists profile_requested_at`);
};
