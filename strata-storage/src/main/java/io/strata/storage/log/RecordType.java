package io.strata.storage.log;

/** The kinds of log record. The numeric code is stored on disk: never renumber. */
public enum RecordType {
    /** A page image: timeline, arg = page number, size = timeline size after the write, payload = page bytes. */
    PAGE(1),
    /** A point: timeline, arg = volume id, size = wall-clock micros. Everything before it on the timeline is in it. */
    POINT(2),
    /** A truncate: timeline, size = new size. Pages wholly past the new size read as zeros afterwards. */
    TRUNCATE(3),
    /** Catalog change (volume created, backtrack, pin, ...): payload is an encoded catalog event. */
    META(4),
    /**
     * A rewind written by recovery: timeline, size = lsn. Versions after that lsn on the timeline were never
     * covered by a point and are discarded; without this record a later point would cover them on replay.
     */
    REWIND(5);

    public final int code;

    RecordType(int code) {
        this.code = code;
    }

    static RecordType of(int code) {
        for (RecordType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
