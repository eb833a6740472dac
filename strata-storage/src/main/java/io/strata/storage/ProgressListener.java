package io.strata.storage;

/** Told how far a long operation (full copy) has come; called from the working thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void progress(long doneBytes, long totalBytes);
}
