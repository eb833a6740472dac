#!/usr/bin/env bash
# Builds strata-bench (and what it needs) and measures what @StrataReset (strata-junit) costs each test: for clones
# of a 100 MiB and a 1 GiB source, BacktrackDBCluster to the clone's post-setup state through strata-client plus the
# next test's first connection and query, median of 30, against the target (<100 ms, size-independent within 1.5x).
#   bench/reset.sh [--sizes 100M,1G] [--runs 30] [--dir DIR] [--keep]
# MVN_FLAGS overrides the Maven flags (default "-q -o": offline, quiet); JAVA_HEAP the heap (-Xmx, default 3g).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn ${MVN_FLAGS:--q -o} -pl bench -am package -DskipTests
exec java -Xmx"${JAVA_HEAP:-3g}" -cp "bench/target/strata-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  io.strata.bench.ResetBench "$@"
