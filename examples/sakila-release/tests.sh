#!/usr/bin/env bash
# The "integration tests" of the Sakila release, as a shell script: each check is a query against the clone that
# strata run made (STRATA_HOST, STRATA_PORT, STRATA_USER, STRATA_PASSWORD, STRATA_DATABASE). Exits 1 on a failure.
set -uo pipefail
sql() { mariadb -h"$STRATA_HOST" -P"$STRATA_PORT" -u"$STRATA_USER" -p"$STRATA_PASSWORD" "$STRATA_DATABASE" --batch --skip-column-names -e "$1"; }
failed=0
check() { # check NAME EXPECTED SQL
  local got; got="$(sql "$3")"
  if [ "$got" = "$2" ]; then echo "ok   $1"; else echo "FAIL $1: expected '$2', got '$got'"; failed=1; fi
}
check "every film has a streaming price"        "0"     "SELECT COUNT(*) FROM film WHERE streaming_price IS NULL"
check "streaming costs a dollar more"           "1.00"  "SELECT MIN(streaming_price - rental_rate) FROM film"
check "rentals are untouched"                    "16044" "SELECT COUNT(*) FROM rental"
check "the test may write: a new rental"         "1"     "INSERT INTO rental (rental_date, inventory_id, customer_id, staff_id) VALUES (NOW(), 1, 1, 1); SELECT ROW_COUNT()"
exit $failed
