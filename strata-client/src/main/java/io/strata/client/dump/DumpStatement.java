package io.strata.client.dump;

/**
 * One statement of a dump, as it is sent to the server: without its delimiter, with plain comments left out.
 *
 * @param sql       the statement's text
 * @param line      the 1-based line of the dump where the statement begins
 * @param bytesRead how far into the file the reader had read when the statement ended (compressed bytes for a
 *                  .gz file): for progress against the file's size
 */
public record DumpStatement(String sql, long line, long bytesRead) {
}
