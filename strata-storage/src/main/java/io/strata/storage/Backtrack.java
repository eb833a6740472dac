package io.strata.storage;

import java.time.Instant;

/**
 * One backtrack of a volume, as recorded in its history.
 *
 * @param id             unique within the store
 * @param requestedTime  the time asked for
 * @param landed         the point the volume's state was set to (the last point at or before the requested time)
 * @param from           the volume's latest point when the backtrack began (the state backtracked from)
 * @param createdTime    when the backtrack was made
 */
public record Backtrack(long id, Instant requestedTime, Point landed, Point from, Instant createdTime) {
}
