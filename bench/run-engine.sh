#!/usr/bin/env bash
# The storage layer's overhead under H2: single-row commits and point selects on a plain file vs a volume.
# usage: bench/run-engine.sh [--seconds N] [--dir DIR] [--keep]   (bench/README.md, "Engine overhead")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -pl bench -am package -DskipTests
exec java -Xmx2g -cp "bench/target/classes:bench/target/lib/*" io.strata.bench.EngineOverheadBench "$@"
