package io.strata.storage;

import java.time.Instant;

/**
 * What times a volume can be restored or backtracked to: points between {@code earliestRestorable} and
 * {@code latestRestorable}; backtrack targets from {@code earliestBacktrack} on (never before the volume's creation).
 */
public record RestorableRange(Instant earliestRestorable, Instant latestRestorable, Instant earliestBacktrack) {
}
