#!/bin/sh
# The image's entrypoint: `omni-worker <command>` runs the worker, `omni <command>` or a bare
# `<command>` (serve, migrate, prune, …) runs omni. exec hands PID 1 to node, so signals reach it.
set -e
case "${1:-}" in
  omni-worker) shift; exec node /app/bin/omni-worker.js "$@" ;;
  omni) shift ;;
esac
exec node /app/bin/omni.js "$@"
