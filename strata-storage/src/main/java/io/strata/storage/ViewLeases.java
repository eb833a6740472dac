package io.strata.storage;

import io.strata.storage.index.Timeline;

import java.util.ArrayList;
import java.util.List;

/** Open point-in-time views: each is a read point GC must keep until the view is closed. */
final class ViewLeases {
    record Lease(Timeline timeline, long lsn) {
    }

    private final List<Lease> leases = new ArrayList<>();

    synchronized Lease add(Timeline t, long lsn) {
        Lease l = new Lease(t, lsn);
        leases.add(l);
        return l;
    }

    synchronized void remove(Lease l) {
        leases.remove(l);
    }

    synchronized List<Lease> snapshot() {
        return new ArrayList<>(leases);
    }
}
