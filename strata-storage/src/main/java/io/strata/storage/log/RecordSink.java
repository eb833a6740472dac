package io.strata.storage.log;

/** Receives the records recovery replays, in log order, with their locations. */
@FunctionalInterface
public interface RecordSink {
    void accept(LogRecord record, long loc);
}
