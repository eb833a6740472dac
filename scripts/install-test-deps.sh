#!/usr/bin/env bash
# Installs the external tools the test suites use (currently: the `mariadb` command-line client and mariadb-dump,
# used by strata-protocol's MariaDbCliTest, ColumnFlagsTest and MariaDbDumpTest). Idempotent: does nothing when the tools are present.
# Run as root (CI images run as root; locally: sudo scripts/install-test-deps.sh).
set -euo pipefail

if command -v mariadb >/dev/null 2>&1; then
  echo "mariadb client already installed: $(mariadb --version)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "error: run as root (needs apt-get)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends mariadb-client
echo "installed: $(mariadb --version)"
