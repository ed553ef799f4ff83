# Sourced by .ci/run: makes `node` the Node.js major that package.json's engines requires (also the
# Lambda runtime, which test/deploy checks, and the one version the tests run on). When the machine's
# node is older, Node's own binary comes from the npm registry (the node-<platform>-<arch> package),
# installed once into a cache outside the clone, so that a fresh clone reuses it, and is put first on
# PATH. The machine's npm is a script run by the first node on PATH, so it then runs on this one too.
omni_node_major() { node -p 'process.versions.node.split(".")[0]'; }
omni_node_required=$(node -p 'require(process.argv[1]).engines.node.match(/\d+/)[0]' \
  "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/package.json")

if [ "$(omni_node_major)" -lt "$omni_node_required" ]; then
  omni_node_package="node-$(node -p 'process.platform + "-" + process.arch')"
  omni_node_dir="${XDG_CACHE_HOME:-$HOME/.cache}/omni-node/$omni_node_required"
  if [ ! -x "$omni_node_dir/node_modules/$omni_node_package/bin/node" ]; then
    echo "node $(node -v) is older than $omni_node_required: installing $omni_node_package@$omni_node_required into $omni_node_dir"
    mkdir -p "$(dirname "$omni_node_dir")"
    # Into a fresh folder, then renamed: an interrupted download never passes for an installed node,
    # and of two runs installing at once, the later one keeps the copy the first one moved in. A
    # folder left without its node (by hand, or a full disk) is replaced.
    omni_node_tmp=$(mktemp -d "$omni_node_dir.XXXXXX")
    npm install --prefix "$omni_node_tmp" --no-save --no-package-lock --no-audit --no-fund \
      "$omni_node_package@$omni_node_required"
    [ -x "$omni_node_dir/node_modules/$omni_node_package/bin/node" ] || rm -rf "$omni_node_dir"
    mv -T "$omni_node_tmp" "$omni_node_dir" 2>/dev/null || rm -rf "$omni_node_tmp"
  fi
  export PATH="$omni_node_dir/node_modules/$omni_node_package/bin:$PATH"
  if [ "$(omni_node_major)" -lt "$omni_node_required" ]; then
    echo "$omni_node_dir did not give Node $omni_node_required: still node $(node -v)" >&2
    return 1
  fi
fi
echo "node $(node -v) at $(command -v node), npm $(npm -v)"
