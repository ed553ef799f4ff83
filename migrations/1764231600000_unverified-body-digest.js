/**
 * A webhook that fails verification keeps only the first 4 KiB of its body in `raw_body`, so a flood
 * of unsigned bodies cannot fill the database; `body_length` and `body_sha256` (hex) describe the
 * whole body it came with. Both are null on the other rows, whose `raw_body` is the whole body.
 */
export const up = (pgm) => {
  pgm.sql('alter table webhook_logs add column body_length integer, add column body_sha256 text');
};

export const down = (pgm) => {
  pgm.sql('alter table webhook_logs drop column body_length, drop column body_sha256');
};
