package io.strata.storage;

/**
 * A log sequence number: the position of a record in the store's history. Lsns are assigned by the log,
 * one per record, strictly increasing across all volumes of a store, so any two states can be ordered.
 */
public record Lsn(long value) implements Comparable<Lsn> {
    public static final Lsn MAX = new Lsn(Long.MAX_VALUE);

    @Override
    public int compareTo(Lsn o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return "lsn:" + value;
    }
}
