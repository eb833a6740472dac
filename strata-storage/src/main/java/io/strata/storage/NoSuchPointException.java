package io.strata.storage;

/** A point, time or volume asked for is not (or no longer) retained. */
public class NoSuchPointException extends StorageException {
    public NoSuchPointException(String message) {
        super(message);
    }
}
