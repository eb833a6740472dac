package io.strata.client;

/** A wait (until a cluster is available, until a source is seeded) did not end in time. */
public final class StrataTimeoutException extends StrataException {
    public StrataTimeoutException(String message) {
        super(message);
    }
}
