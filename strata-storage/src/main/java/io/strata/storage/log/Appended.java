package io.strata.storage.log;

/** Where {@link SegmentLog#append} put a record: its lsn and its packed {@link Loc}. */
public record Appended(long lsn, long loc) {
}
