package io.strata.storage;

/** The retention, pin and GC scenarios over an in-memory file system (Jimfs). */
class InMemoryRetentionTest extends RetentionScenarios {
    @Override
    StoreDirs dirs() {
        return StoreDirs.IN_MEMORY;
    }
}
