#!/usr/bin/env bash
# Regenerates conformance/expected/*.txt: runs every conformance/cases/*.sql statement against MariaDB 10.11
# (Debian's mariadb-server, installed if missing and run privately on loopback by bench-oltp/mariadb.sh) through
# MySQL Connector/J, and records each answer (rows with column types, update count or error code).
#
#   conformance/record-expected.sh        # as root the first time (apt-get install mariadb-server)
#
# CI never runs this: it only runs the recorded files against Strata (mvn -pl conformance verify).
# Environment: MARIADB_DIR (/tmp/strata-conformance-mariadb), MARIADB_PORT (13316).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
export MARIADB_DIR=${MARIADB_DIR:-/tmp/strata-conformance-mariadb} MARIADB_PORT=${MARIADB_PORT:-13316} \
  MARIADB_USER=conformance MARIADB_PASSWORD=conformance MARIADB_DB=conformance SERVER_CPUS=""

"$ROOT/bench-oltp/mariadb.sh" start
trap '"$ROOT/bench-oltp/mariadb.sh" stop' EXIT
# The suite creates one database per category: the user needs more than mariadb.sh's grant on one database.
mariadb --no-defaults --socket="$MARIADB_DIR/mariadbd.sock" -uroot \
  -e "GRANT ALL PRIVILEGES ON *.* TO 'conformance'@'127.0.0.1'; FLUSH PRIVILEGES;"

echo "[record-expected] building the suite (mvn test-compile, never install)" >&2
(cd "$ROOT" && mvn -q -B -pl conformance -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt)
CP="$HERE/target/test-classes:$(cat "$HERE/target/test-classpath.txt")"
java -cp "$CP" io.strata.conformance.RecordExpected "$HERE" 127.0.0.1 "$MARIADB_PORT" conformance conformance
echo "[record-expected] server: $(mariadb --no-defaults --socket="$MARIADB_DIR/mariadbd.sock" -uroot -N -e 'SELECT VERSION()')" >&2
