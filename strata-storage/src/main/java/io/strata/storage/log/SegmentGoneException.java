package io.strata.storage.log;

/** The segment a location named was retired by GC after the location was looked up: look it up again. */
public final class SegmentGoneException extends RuntimeException {
    SegmentGoneException() {
        super(null, null, false, false);
    }
}
