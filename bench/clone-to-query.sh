#!/usr/bin/env bash
# Builds strata-bench (and what it needs) and runs the clone-to-query benchmark: for source clusters of 100 MiB
# and 1 GiB, RestoreDBClusterToPointInTime (copy-on-write) + CreateDBInstance + connect + SELECT, and
# BacktrackDBCluster + connect + SELECT, median of 10, against the targets (<300 ms, size-independent within 1.5x).
#   bench/clone-to-query.sh [--sizes 100M,1G] [--runs 10] [--dir DIR] [--keep] [--mariadb] [--live-clones N]
# --mariadb: the same rows in a private MariaDB (bench/mariadb-copy.sh installs Debian's mariadb-server and
#   mariadb-backup if missing; needs root then): mariadb-backup and dump-and-restore copies timed to their first
#   query beside Strata's clone, with the ratio. Adds minutes per size (the 1 GiB dump-and-restore dominates).
# --live-clones N: N idle clones (each an open engine + endpoint) of the largest source; RSS, heap and threads
#   per clone. The full run: bench/clone-to-query.sh --mariadb --live-clones 200
# MVN_FLAGS overrides the Maven flags (default "-q -o": offline, quiet); JAVA_HEAP the heap (-Xmx, default 3g).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn ${MVN_FLAGS:--q -o} -pl bench -am package -DskipTests
exec java -Xmx"${JAVA_HEAP:-3g}" -cp "bench/target/strata-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  io.strata.bench.CloneToQueryBench "$@"
