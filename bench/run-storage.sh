#!/usr/bin/env bash
# Builds strata-bench (and strata-storage) and runs the storage benchmark.
#   bench/run-storage.sh [--large] [--dir DIR] [--sizes 100M,1G] [--keep]
# Default: volumes of 100 MiB and 1 GiB, data under /tmp (deleted afterwards); --large adds 10 GiB.
# MVN_FLAGS overrides the Maven flags (default "-q -o": offline, quiet); JAVA_HEAP the heap (-Xmx).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn ${MVN_FLAGS:--q -o} -pl bench -am package -DskipTests
heap=${JAVA_HEAP:-3g}
for a in "$@"; do
  if [ "$a" = "--large" ] && [ -z "${JAVA_HEAP:-}" ]; then heap=16g; fi
done
exec java -Xmx"$heap" -cp "bench/target/strata-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  io.strata.bench.StorageBench "$@"
