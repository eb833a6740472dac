package io.strata.storage;

/**
 * Stored bytes failed their checksum. Never returned as data: the read that found it fails with this,
 * naming the volume, the page and the file so an operator can act.
 */
public class CorruptDataException extends StorageException {
    public CorruptDataException(String message) {
        super(message);
    }
}
