package io.strata.storage;

/** Identity of a timeline: an append-only history of page versions, optionally branched from an ancestor. */
public record TimelineId(long value) {
    @Override
    public String toString() {
        return "tl-" + value;
    }
}
