package io.strata.control;

import io.strata.storage.StoreOptions;

/**
 * Control-plane settings.
 *
 * @param endpointAddress     the address every cluster endpoint binds to and reports (127.0.0.1 by default)
 * @param firstPort           first port tried for a new cluster (e.g. 3307 for a server: ports stay the clusters'
 *                            for good, so a fixed range is safer than the OS's ephemeral ones); 0: the OS chooses
 * @param maxClonesPerSource  copy-on-write clones allowed per source cluster (Aurora: 15)
 * @param store               storage settings
 * @param lastPort            last port tried for a new cluster (with a non-zero firstPort)
 */
public record ControlPlaneOptions(String endpointAddress, int firstPort, int maxClonesPerSource, StoreOptions store,
                                  int lastPort) {
    public static final int AURORA_CLONE_LIMIT = 15;

    public ControlPlaneOptions(String endpointAddress, int firstPort, int maxClonesPerSource, StoreOptions store) {
        this(endpointAddress, firstPort, maxClonesPerSource, store, 65535);
    }

    public ControlPlaneOptions {
        if (lastPort < firstPort || lastPort > 65535) {
            throw new IllegalArgumentException("lastPort must be between firstPort and 65535: " + firstPort + "-" + lastPort);
        }
        if (maxClonesPerSource < 1) {
            throw new IllegalArgumentException("maxClonesPerSource must be at least 1: " + maxClonesPerSource);
        }
        if (firstPort < 0 || firstPort > 65535) {
            throw new IllegalArgumentException("firstPort out of range: " + firstPort);
        }
    }

    public static ControlPlaneOptions defaults() {
        return new ControlPlaneOptions("127.0.0.1", 0, AURORA_CLONE_LIMIT, StoreOptions.defaults());
    }

    public ControlPlaneOptions withFirstPort(int port) {
        return new ControlPlaneOptions(endpointAddress, port, maxClonesPerSource, store, Math.max(port, lastPort));
    }

    /** New clusters' ports from {@code first} to {@code last} (both included). */
    public ControlPlaneOptions withPortRange(int first, int last) {
        return new ControlPlaneOptions(endpointAddress, first, maxClonesPerSource, store, last);
    }

    public ControlPlaneOptions withMaxClonesPerSource(int max) {
        return new ControlPlaneOptions(endpointAddress, firstPort, max, store, lastPort);
    }

    public ControlPlaneOptions withEndpointAddress(String address) {
        return new ControlPlaneOptions(address, firstPort, maxClonesPerSource, store, lastPort);
    }
}
