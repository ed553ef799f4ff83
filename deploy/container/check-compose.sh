#!/usr/bin/env bash
# compose.yaml end to end on this machine (with compose.local.yaml): podman-compose up, one signed
# WhatsApp webhook (`omni simulate`, from Omni's image) stored and processed by a worker, then down.
# Uses the images build-image.sh made (omni:local, omni-sqs-emulator:local; built when missing), a
# fresh database on the host's PostgreSQL (dropped at the end) and free ports.
set -euo pipefail
cd "$(dirname "$0")/../.."

export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/container/containers.local.conf}
export HOST_DATABASE_URL=${HOST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432}
export COMPOSE_DATABASE="omni_compose_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
export COMPOSE_PORT=$(free_port) COMPOSE_SQS_PORT=$(free_port)
export COMPOSE_WORKER_1_METRICS_PORT=$(free_port) COMPOSE_WORKER_2_METRICS_PORT=$(free_port)
export WHATSAPP_APP_SECRET=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n') WHATSAPP_VERIFY_TOKEN=compose-check
compose=(podman-compose --project-name omni-check -f deploy/container/compose.yaml -f deploy/container/compose.local.yaml)

podman image exists omni:local || bash deploy/container/build-image.sh omni:local
podman image exists omni-sqs-emulator:local \
  || bash deploy/container/build-image.sh omni-sqs-emulator:local deploy/container/sqs-emulator.Containerfile deploy/container

sql() { psql "$HOST_DATABASE_URL/${1}" -tAc "$2"; }
finish() {
  "${compose[@]}" down >/dev/null 2>&1 || true
  sql postgres "drop database if exists $COMPOSE_DATABASE with (force)" >/dev/null || true
}
trap finish EXIT

echo "compose: up (database $COMPOSE_DATABASE, server on $COMPOSE_PORT, SQS on $COMPOSE_SQS_PORT)"
"${compose[@]}" up -d >/dev/null
healthz() { node -e "fetch('http://127.0.0.1:$1/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
for _ in $(seq 1 120); do healthz "$COMPOSE_PORT" && break; sleep 1; done
healthz "$COMPOSE_PORT" || { "${compose[@]}" logs server | tail -30; echo "compose: the server did not serve"; exit 1; }
for port in "$COMPOSE_WORKER_1_METRICS_PORT" "$COMPOSE_WORKER_2_METRICS_PORT"; do
  for _ in $(seq 1 120); do healthz "$port" && break; sleep 1; done
  healthz "$port" || { "${compose[@]}" logs worker-1 worker-2 | tail -30; echo "compose: a worker did not serve"; exit 1; }
done
podman ps --filter label=io.podman.compose.project=omni-check --format '{{.Names}}  {{.Status}}'

podman run --rm --network host -e WHATSAPP_APP_SECRET -e WHATSAPP_VERIFY_TOKEN -e PORT="$COMPOSE_PORT" \
  omni:local simulate whatsapp --text "through compose"
status=
for _ in $(seq 1 60); do
  status=$(sql "$COMPOSE_DATABASE" "select q.status from messages m join queue_logs q on q.message_id = m.id
    where m.text = 'through compose' and q.job is null")
  [ "$status" = processed ] && break
  sleep 1
done
[ "$status" = processed ] || { "${compose[@]}" logs | tail -40; echo "compose: the webhook was not processed ($status)"; exit 1; }
echo "compose: the signed webhook is stored and processed"
"${compose[@]}" down >/dev/null
echo "compose: down; ok"
