package io.strata.storage;

/** The storage scenarios over real files. */
class OnDiskScenariosTest extends StorageScenarios {
    @Override
    StoreDirs dirs() {
        return StoreDirs.ON_DISK;
    }
}
