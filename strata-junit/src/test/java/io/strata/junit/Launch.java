package io.strata.junit;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Runs test classes through the JUnit Platform launcher in this JVM (so in the same Strata environment). */
final class Launch {
    private Launch() {
    }

    static TestExecutionSummary run(Map<String, String> config, Class<?>... classes) {
        var b = request().configurationParameters(config);
        for (Class<?> c : classes) {
            b.selectors(selectClass(c));
        }
        LauncherDiscoveryRequest req = b.build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(req, listener);
        return listener.getSummary();
    }
}
