#!/usr/bin/env bash
# Browser tests drive Debian's chromium with playwright-core (no browser download: the machines reach only
# the npm registry and Debian's packages). Installs it when it is missing and we are root; otherwise says
# what to run. Prints the path of the browser on success.
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$bin" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "ensure-chromium: installing Debian's chromium (apt-get install -y chromium)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq chromium >&2
  else
    echo "ensure-chromium: $bin is missing; install it with 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi
echo "$bin"
