#!/usr/bin/env bash
# Builds an image with podman from the repository root: by default Omni's (omni:local, from
# deploy/container/Containerfile), on BASE_IMAGE (default the local stand-in build-local-base.sh
# makes; set BASE_IMAGE=node:24-bookworm-slim where a registry is reachable). Docker format, so
# the HEALTHCHECK is kept (OCI images have none).
#
#   deploy/container/build-image.sh [image [containerfile [context]]]
#   deploy/container/build-image.sh omni-sqs-emulator:local deploy/container/sqs-emulator.Containerfile deploy/container
#
# Behind a TLS-intercepting proxy, the CA bundle NODE_EXTRA_CA_CERTS names is mounted into the
# build for npm; it reaches no layer of the image.
set -euo pipefail
cd "$(dirname "$0")/../.."

image=${1:-omni:local}
containerfile=${2:-deploy/container/Containerfile}
context=${3:-.}
base=${BASE_IMAGE:-localhost/node:24-bookworm-slim}
ca=()
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  ca=(--volume "$NODE_EXTRA_CA_CERTS:/run/build-ca.crt:ro" --build-arg NODE_EXTRA_CA_CERTS=/run/build-ca.crt)
fi
podman build --format docker --build-arg "BASE_IMAGE=$base" "${ca[@]}" \
  --file "$containerfile" --tag "$image" "$context"
