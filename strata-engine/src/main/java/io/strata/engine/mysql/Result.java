package io.strata.engine.mysql;

import java.util.List;

/** The outcome of one statement: a result set or an update count. */
public sealed interface Result permits Result.Rows, Result.Update {

    /**
     * A fully materialized result set. Row values are {@code null}, {@link Long}, {@link Integer},
     * {@link Short}, {@link Byte}, {@link Boolean}, {@link java.math.BigDecimal}, {@link Double},
     * {@link Float}, {@link String}, {@code byte[]}, {@link java.time.LocalDate},
     * {@link java.time.LocalTime}, {@link java.time.LocalDateTime} or {@link java.time.Duration} (TIME).
     */
    record Rows(List<ColumnInfo> columns, List<Object[]> rows) implements Result {}

    /** An OK: affected rows, the first generated key (0 if none), warnings, optional info text. */
    record Update(long affectedRows, long lastInsertId, int warnings, String info) implements Result {
        public static final Update OK = new Update(0, 0, 0, "");
    }
}
