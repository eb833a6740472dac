package io.strata.storage;

/** The retention, pin and GC scenarios over real files. */
class OnDiskRetentionTest extends RetentionScenarios {
    @Override
    StoreDirs dirs() {
        return StoreDirs.ON_DISK;
    }
}
