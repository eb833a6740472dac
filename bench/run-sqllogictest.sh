#!/usr/bin/env bash
# Runs the SQLite project's sqllogictest select1-select5 files (https://www.sqlite.org/sqllogictest) against
# Strata (the real engine behind the MySQL wire server, in process) through MySQL Connector/J, and prints the
# records passed per file. Not part of CI: the corpus is not in this repository (CI runs a sample,
# conformance/sqllogictest).
#
#   bench/run-sqllogictest.sh CORPUS_DIR          # a checkout of the corpus: CORPUS_DIR/test/select1.test ...
#   bench/run-sqllogictest.sh CORPUS_DIR FILE...  # other files of the corpus, relative to CORPUS_DIR
#   SLT_URL=jdbc:mysql://127.0.0.1:3306/?sslMode=DISABLED SLT_USER=root SLT_PASSWORD=... bench/run-sqllogictest.sh CORPUS_DIR
#       # against a running server instead (each file runs in a new database slt_*)
#
# Builds the conformance module's test classes (mvn test-compile, never install). Takes about 3 minutes on
# 2 cores (select5's many-table joins are most of it).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CORPUS=${1:?usage: bench/run-sqllogictest.sh CORPUS_DIR [FILE...]}
shift
FILES=("$@")
[[ ${#FILES[@]} -eq 0 ]] && FILES=(test/select1.test test/select2.test test/select3.test test/select4.test test/select5.test)
PATHS=()
for f in "${FILES[@]}"; do
  [[ -f "$CORPUS/$f" ]] || { echo "run-sqllogictest.sh: $CORPUS/$f not found" >&2; exit 2; }
  PATHS+=("$CORPUS/$f")
done
(cd "$ROOT" && mvn -q -B -pl conformance -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt)
CP="$ROOT/conformance/target/test-classes:$(cat "$ROOT/conformance/target/test-classpath.txt")"
if [[ -n ${SLT_URL:-} ]]; then
  java -cp "$CP" io.strata.conformance.slt.SltRunner "$SLT_URL" "${SLT_USER:-root}" "${SLT_PASSWORD:-}" "${PATHS[@]}"
else
  java -cp "$CP" io.strata.conformance.slt.SltRunner --in-process "${PATHS[@]}"
fi
