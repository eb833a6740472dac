package io.strata.storage;

/** The stable identity of a volume inside one store (names can be reused after a delete; ids never are). */
public record VolumeId(long value) {
    @Override
    public String toString() {
        return "vol-" + value;
    }
}
