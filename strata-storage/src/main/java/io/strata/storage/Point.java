package io.strata.storage;

import java.time.Instant;

/**
 * A durable, crash-consistent position of one volume: every write to the volume issued before the point
 * was marked is in it, none after. Stamped with the wall-clock time at which it was marked.
 */
public record Point(Lsn lsn, Instant time) {
}
