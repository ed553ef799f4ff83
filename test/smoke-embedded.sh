#!/usr/bin/env bash
# Smoke test of the zero-setup path: `omni serve` with no DATABASE_URL and no MESSAGE_QUEUE_URL
# (embedded PostgreSQL and SQS emulator, worker in-process), then `omni simulate` for each platform;
# each message must reach `processed`, and a repeated delivery must add no row.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir=$(mktemp -d)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log="$data_dir/serve.log"
env -u DATABASE_URL -u MESSAGE_QUEUE_URL -u DEAD_LETTER_QUEUE_URL OMNI_DATA_DIR="$data_dir" PORT="$port" \
  node bin/omni.js serve >"$log" 2>&1 &
server=$!
cleanup() { kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data_dir"; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  grep -q "listening on" "$log" && break
  kill -0 "$server" 2>/dev/null || { cat "$log"; echo "smoke: omni serve died"; exit 1; }
  sleep 0.5
done
grep -q "listening on" "$log" || { cat "$log"; echo "smoke: omni serve did not start"; exit 1; }

export OMNI_DATA_DIR="$data_dir" PORT="$port"
for platform in whatsapp messenger instagram telegram; do
  node bin/omni.js simulate "$platform" --text "smoke $platform"
done
sample="$data_dir/sample.json"
node -e "process.stdout.write(JSON.stringify({update_id: 4242, message: {message_id: 7, date: 1700000000, chat: {id: 5, type: 'private'}, from: {id: 5, is_bot: false, first_name: 'Smoke'}, text: 'again'}}))" >"$sample"
node bin/omni.js simulate telegram --body "$sample" --times 2

DATABASE_URL=$(cat "$data_dir/database-url") node --input-type=module -e "
import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL, { max: 1 });
const deadline = Date.now() + 20000;
let rows;
for (;;) {
  rows = await sql\`select m.platform, m.text, q.status from messages m join queue_logs q on q.message_id = m.id where q.job is null order by m.id\`;
  if (rows.length === 5 && rows.every((r) => r.status === 'processed')) break;
  if (Date.now() > deadline) { console.error('smoke: not all processed', rows); process.exit(1); }
  await new Promise((r) => setTimeout(r, 200));
}
console.log('smoke: ' + rows.length + ' messages stored once each and processed: ' + rows.map((r) => r.platform).join(', '));
await sql.end();
"
password=$(sed -n 's/^  password: //p' "$log" | head -1)
[ -n "$password" ] || { cat "$log"; echo "smoke: no development admin printed"; exit 1; }
code=$(PASSWORD="$password" node -e "fetch('http://127.0.0.1:$port/api/login', { method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'admin@omni.local', password: process.env.PASSWORD }) }).then((r) => console.log(r.status))")
[ "$code" = 200 ] || { echo "smoke: the development admin could not log in ($code)"; exit 1; }
echo "smoke: the development admin logs in to the dashboard"
echo "smoke: ok"
