package io.strata.storage;

/** An I/O failure or a broken invariant in the store; the message says what and where. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
