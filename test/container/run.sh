#!/usr/bin/env bash
# npm run test:container: builds the local base image (once: minutes) and Omni's image on it, then
# runs test/container/ against them, the host's PostgreSQL (DATABASE_URL, or an embedded one) and a
# fauxqs emulator. Opt-in: `npm test` leaves test/container/ out, and .ci/run runs this only when
# OMNI_TEST_CONTAINER=1. Needs root, podman, buildah, debootstrap and runc.
set -euo pipefail
cd "$(dirname "$0")/../.."

# This machine's Podman settings (runc, cgroupfs, no default ulimits, host network) unless the
# caller has its own.
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/container/containers.local.conf}
export OMNI_TEST_CONTAINER=1

bash deploy/container/build-local-base.sh
bash deploy/container/build-image.sh "${OMNI_IMAGE:-omni:local}"
npm run build
node test/run.mjs --disable-coverage --timeout 600 test/container/
# compose.yaml, with this machine's override, serving a signed webhook end to end.
bash deploy/container/check-compose.sh
