#!/usr/bin/env bash
# Debian's nginx, for `make cluster` and the cluster test. Only the binary is used:
# deploy/cluster.py runs it in the foreground with its own config; no system service.
set -euo pipefail
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] && exit 0
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
echo "Installing nginx (Debian package, for make cluster)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
