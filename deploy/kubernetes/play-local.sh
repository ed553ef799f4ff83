#!/usr/bin/env bash
# The server and worker Deployments of deploy/kubernetes/base, played by Podman (`podman kube play`)
# on this machine: the local image omni:local (deploy/container), the host's PostgreSQL, the fauxqs
# SQS emulator, host networking. The manifests are played as they are; only omni-config (queue URLs
# pointing at the emulator) and omni-secrets (a fresh encryption key, local webhook secrets) are local.
# Then a signed WhatsApp webhook goes in and the script waits until the worker has processed it.
#
#   deploy/kubernetes/play-local.sh          up, check, leave running (server :3000, worker metrics :9464)
#   deploy/kubernetes/play-local.sh down     remove the pods, the secret and the emulator
#
# Needs podman, psql, the built dist/ (npm run build) and PostgreSQL answering on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/../.."

export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/container/containers.local.conf}
image=${OMNI_IMAGE:-omni:local}
database=${OMNI_KUBE_DATABASE:-omni_kube}
work=${OMNI_KUBE_WORK:-/tmp/omni-kube-play}
sqs_port=${OMNI_KUBE_SQS_PORT:-4576}
base=deploy/kubernetes/base
played=("$base/server-deployment.yaml" "$base/worker-deployment.yaml")

down() {
  for file in "${played[@]}"; do podman kube down "$work/$(basename "$file")" >/dev/null 2>&1 || true; done
  # A run that stopped half-way may have left pods its files no longer describe (Podman names them <name>-pod-0).
  for pod in omni-server-pod-0 omni-server-pod-1 omni-worker-pod-0; do podman pod rm -f "$pod" >/dev/null 2>&1 || true; done
  podman secret rm omni-secrets >/dev/null 2>&1 || true
  if [ -f "$work/fauxqs.pid" ]; then kill "$(cat "$work/fauxqs.pid")" 2>/dev/null || true; fi
  rm -rf "$work"
}

wait_for() { # url what seconds
  for _ in $(seq 1 "$3"); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then echo "ok: $2 answers ($1)"; return 0; fi
    sleep 1
  done
  echo "failed: $2 did not answer $1 within $3 s" >&2
  return 1
}

if [ "${1:-up}" = down ]; then
  down
  echo "down"
  exit 0
fi

podman image exists "$image" || { echo "no image $image: build it first (deploy/container)" >&2; exit 1; }
down
mkdir -p "$work"

psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = '$database'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $database"

node bench/sqs-emulator.mjs "$sqs_port" >"$work/fauxqs.log" 2>&1 &
echo $! >"$work/fauxqs.pid"
sleep 2
export AWS_ENDPOINT_URL_SQS=http://127.0.0.1:$sqs_port
eval "export $(node bin/omni.js create-queues --name omni-kube | tr '\n' ' ')"

# The pods' configuration: the base's omni-config with the emulator's queues and a pod-local media directory.
cat >"$work/configmap.yaml" <<EOF
apiVersion: v1
kind: ConfigMap
metadata: { name: omni-config }
data:
  HOST: 0.0.0.0
  PORT: '3000'
  LOG_LEVEL: info
  AWS_REGION: us-east-1
  AWS_ENDPOINT_URL_SQS: $AWS_ENDPOINT_URL_SQS
  MESSAGE_QUEUE_URL: $MESSAGE_QUEUE_URL
  DEAD_LETTER_QUEUE_URL: $DEAD_LETTER_QUEUE_URL
  MEDIA_DIR: /tmp/media
EOF
# Podman 4.3 reads envFrom.secretRef from its own secret store: a JSON object of base64 values, as a
# Kubernetes Secret's data.
whatsapp_secret=local-$(openssl rand -hex 16)
b64() { printf %s "$1" | base64 -w0; }
cat >"$work/secret.json" <<EOF
{
  "DATABASE_URL": "$(b64 "postgres://postgres@127.0.0.1:5432/$database")",
  "OMNI_ENCRYPTION_KEY": "$(b64 "$(openssl rand -base64 32)")",
  "WHATSAPP_APP_SECRET": "$(b64 "$whatsapp_secret")",
  "WHATSAPP_VERIFY_TOKEN": "$(b64 local-verify)"
}
EOF
podman secret create omni-secrets "$work/secret.json" >/dev/null

# Podman 4.3 refuses container ports on the host network (which exposes them anyway): the played
# copies leave `ports` out and name the probes' ports by number; and one host has one port 3000, so
# one replica each. Nothing else changes. (Podman turns the probes into healthchecks, which it
# schedules through systemd: without it, it says so and the pods run unchecked.)
for file in "${played[@]}"; do
  node --input-type=module -e '
    import { readFileSync, writeFileSync } from "node:fs";
    import { parse, stringify } from "yaml";
    const [from, to] = process.argv.slice(1);
    const deployment = parse(readFileSync(from, "utf8"));
    if (deployment.spec.replicas) deployment.spec.replicas = 1;
    for (const container of deployment.spec.template.spec.containers) {
      const numbers = Object.fromEntries((container.ports ?? []).map((p) => [p.name, p.containerPort]));
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const get = container[probe]?.httpGet;
        if (get && get.port in numbers) get.port = numbers[get.port];
      }
      delete container.ports;
    }
    writeFileSync(to, stringify(deployment));
  ' "$file" "$work/$(basename "$file")"
  podman kube play --network host --configmap "$work/configmap.yaml" "$work/$(basename "$file")"
done
wait_for http://127.0.0.1:3000/readyz 'the server (readiness)' 120
wait_for http://127.0.0.1:9464/healthz 'the worker' 120

before=$(psql -h 127.0.0.1 -U postgres -d "$database" -tAc "select count(*) from queue_logs where status = 'processed'")
WHATSAPP_APP_SECRET=$whatsapp_secret WHATSAPP_VERIFY_TOKEN=local-verify node bin/omni.js simulate whatsapp --url http://127.0.0.1:3000
for _ in $(seq 1 60); do
  after=$(psql -h 127.0.0.1 -U postgres -d "$database" -tAc "select count(*) from queue_logs where status = 'processed'")
  if [ "$after" -gt "$before" ]; then
    echo "ok: the worker pod processed the webhook ($after processed)"
    podman pod ps --filter name=omni
    exit 0
  fi
  sleep 1
done
echo "failed: the webhook was not processed within 60 s" >&2
exit 1
