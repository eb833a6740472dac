package io.strata.conformance;

/** Public access to {@link InProcessStrata} for the sqllogictest runner's main. */
public final class InProcessStrataAccess implements AutoCloseable {
    private final InProcessStrata strata;

    public InProcessStrataAccess() throws Exception {
        strata = new InProcessStrata();
    }

    public String url() {
        return strata.url();
    }

    public String user() {
        return InProcessStrata.USER;
    }

    public String password() {
        return InProcessStrata.PASSWORD;
    }

    @Override
    public void close() throws Exception {
        strata.close();
    }
}
