package io.strata.examples.bookshop;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs this example's tests with plain {@code java} (what ENV.yaml's test command does under strata run):
 * the JUnit Platform launcher on this package; exit code 0 if every test passed, 1 otherwise.
 */
public final class RunTests {
    private RunTests() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest req = request().selectors(selectPackage(RunTests.class.getPackageName())).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(req, listener);
        TestExecutionSummary s = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        s.printFailuresTo(out, 20);
        out.printf("%d passed, %d failed%n", s.getTestsSucceededCount(), s.getTotalFailureCount());
        System.exit(s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0 ? 0 : 1);
    }
}
