package io.strata.client.dump;

/**
 * How far a load has come: what a progress bar shows.
 *
 * @param bytesRead    bytes of the dump file read (compressed bytes for .gz)
 * @param totalBytes   the file's size, or -1 if unknown
 * @param statements   statements executed successfully
 * @param rows         rows inserted (the update counts of INSERT and REPLACE statements)
 * @param tables       tables created
 * @param skipped      statements skipped (unsupported, or failed under {@link DumpLoader.OnError#CONTINUE})
 * @param elapsedNanos time since the load began
 */
public record LoadStats(long bytesRead, long totalBytes, long statements, long rows, int tables, int skipped,
                        long elapsedNanos) {

    /** Fraction of the file read, 0 to 1, or -1 if the size is unknown. */
    public double fraction() {
        return totalBytes <= 0 ? -1 : Math.min(1.0, (double) bytesRead / totalBytes);
    }

    /** Bytes of the file read per second so far. */
    public double bytesPerSecond() {
        return elapsedNanos <= 0 ? 0 : bytesRead * 1e9 / elapsedNanos;
    }

    /** Estimated seconds to the end at the rate so far, or -1 if it cannot be told yet. */
    public double etaSeconds() {
        double rate = bytesPerSecond();
        return totalBytes <= 0 || rate <= 0 ? -1 : Math.max(0, (totalBytes - bytesRead) / rate);
    }
}
