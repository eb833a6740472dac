package io.strata.storage;

/** The storage scenarios over an in-memory file system (Jimfs). */
class InMemoryScenariosTest extends StorageScenarios {
    @Override
    StoreDirs dirs() {
        return StoreDirs.IN_MEMORY;
    }
}
