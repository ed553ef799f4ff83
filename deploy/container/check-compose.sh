#!/usr/bin/env bash
# compose.yaml end to end on this machine (with compose.local.yaml): podman-compose up, one signed
# WhatsApp webhook (`omni simulate`, from Omni's image, on the compose network) stored and then
# processed by a worker, the server reached on its published port, then down. Uses the images
# build-image.sh made (built when missing) and a fresh database on the host's PostgreSQL, which a
# forwarder here makes reachable from the compose network; the database is dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/container/containers.local.conf}
project=omni-check
network=${project}_default
host_database=${HOST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432}
export COMPOSE_DATABASE="omni_compose_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
export OMNI_PORT=$(free_port)
export WHATSAPP_APP_SECRET=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n') WHATSAPP_VERIFY_TOKEN=compose-check
compose=(podman-compose --project-name "$project" -f deploy/container/compose.yaml -f deploy/container/compose.local.yaml)

podman image exists omni:local || bash deploy/container/build-image.sh omni:local
podman image exists omni-sqs-emulator:local \
  || bash deploy/container/build-image.sh omni-sqs-emulator:local deploy/container/sqs-emulator.Containerfile deploy/container

sql() { psql "$host_database/$1" -tAc "$2"; }
forwarder=
finish() {
  "${compose[@]}" down --volumes >/dev/null 2>&1 || true
  podman network rm "$network" >/dev/null 2>&1 || true
  [ -z "$forwarder" ] || kill "$forwarder" 2>/dev/null || true
  sql postgres "drop database if exists $COMPOSE_DATABASE with (force)" >/dev/null 2>&1 || true
}
trap finish EXIT

echo "compose: up (database $COMPOSE_DATABASE on the host's PostgreSQL, server published on $OMNI_PORT)"
# The host's PostgreSQL listens on 127.0.0.1 only: a forwarder on the compose network's gateway
# (host.containers.internal inside the containers) reaches it for the stack's containers alone. The
# gateway address exists once a container is on the network, so the emulator starts first.
database_port=$(free_port)
export HOST_DATABASE_URL="${host_database%@*}@host.containers.internal:$database_port"
sql postgres "create database $COMPOSE_DATABASE" >/dev/null
"${compose[@]}" up -d sqs >/dev/null 2>&1
gateway=$(podman network inspect "$network" --format '{{range .Subnets}}{{.Gateway}}{{end}}')
node -e "
const net = require('net');
const [host, port] = process.argv[1].split(':');
net.createServer((client) => {
  const upstream = net.connect(Number(port), host);
  client.pipe(upstream).pipe(client);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
}).listen(Number(process.argv[3]), process.argv[2]);
" "${host_database#*@}" "$gateway" "$database_port" &
forwarder=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/$gateway/$database_port") 2>/dev/null && break; sleep 0.1; done
"${compose[@]}" up -d >/dev/null 2>&1
healthz() { node -e "fetch('http://127.0.0.1:$OMNI_PORT/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
for _ in $(seq 1 180); do healthz && break; sleep 1; done
healthz || { podman logs "${project}_server_1" 2>&1 | tail -30; echo "compose: the server did not serve"; exit 1; }
echo "compose: the server answers /healthz on its published port"
for worker in worker-1 worker-2; do
  for _ in $(seq 1 120); do podman healthcheck run "${project}_${worker}_1" >/dev/null 2>&1 && break; sleep 1; done
  podman healthcheck run "${project}_${worker}_1" >/dev/null \
    || { podman logs "${project}_${worker}_1" 2>&1 | tail -30; echo "compose: $worker is not healthy"; exit 1; }
done
echo "compose: both workers pass their HEALTHCHECK (/healthz on METRICS_PORT)"
podman ps -a --filter "label=io.podman.compose.project=$project" --format '{{.Names}}  {{.State}} {{.ExitCode}}'
podman logs "${project}_postgres_1" 2>/dev/null | tail -1

podman run --rm --network "$network" -e WHATSAPP_APP_SECRET -e WHATSAPP_VERIFY_TOKEN \
  omni:local simulate whatsapp --url http://server:3000 --text "through compose"
status=
for _ in $(seq 1 60); do
  status=$(sql "$COMPOSE_DATABASE" "select q.status from messages m join queue_logs q on q.message_id = m.id
    where m.text = 'through compose' and q.job is null")
  [ "$status" = processed ] && break
  sleep 1
done
[ "$status" = processed ] || {
  podman logs "${project}_server_1" 2>&1 | tail -20
  echo "compose: the webhook was not processed ($status)"
  exit 1
}
echo "compose: the signed webhook is stored and processed"
"${compose[@]}" down --volumes >/dev/null 2>&1
echo "compose: down; $(podman ps -a --filter "label=io.podman.compose.project=$project" --format '{{.Names}}' | wc -l) containers left"
echo "compose: ok"
