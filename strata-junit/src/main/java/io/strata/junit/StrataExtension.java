package io.strata.junit;

import io.strata.client.CloneRequest;
import io.strata.client.Cluster;
import io.strata.client.ClusterId;
import io.strata.client.SnapshotId;
import io.strata.client.StrataClient;
import io.strata.client.Times;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import javax.sql.DataSource;
import java.lang.reflect.AnnotatedElement;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JUnit 5 extension behind {@link StrataClone} and {@link StrataReset} (registered by those annotations):
 * makes the clone before the class (or method), deletes it after, backtracks it before each reset test, and
 * injects it into parameters of type {@link DataSource}, {@link StrataDatabase}, {@link Cluster},
 * {@link StrataClient}, or {@code String} annotated {@link StrataJdbcUrl}.
 */
public final class StrataExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(StrataExtension.class);
    private static final String CLONE = "clone";
    private static final String RESET_HELD = "reset-held";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void beforeAll(ExtensionContext ctx) {
        Class<?> testClass = ctx.getRequiredTestClass();
        Optional<StrataClone> spec = AnnotationSupport.findAnnotation(testClass, StrataClone.class);
        if (spec.isPresent() && ctx.getStore(NS).get(CLONE) == null) {
            ctx.getStore(NS).put(CLONE, makeClone(spec.get(), testClass, testClass.getSimpleName()));
        }
    }

    @Override
    public void beforeEach(ExtensionContext ctx) throws InterruptedException {
        Optional<StrataClone> onMethod = AnnotationSupport.findAnnotation(ctx.getRequiredTestMethod(), StrataClone.class);
        if (onMethod.isPresent()) {
            ctx.getStore(NS).put(CLONE, makeClone(onMethod.get(), ctx.getRequiredTestClass(),
                    ctx.getRequiredTestClass().getSimpleName() + "-" + ctx.getRequiredTestMethod().getName()));
            return;
        }
        CloneHandle h = find(ctx.getParent().orElseThrow());
        if (h == null) {
            if (isReset(ctx)) {
                throw new IllegalStateException("@StrataReset on " + ctx.getDisplayName() + " needs a clone: annotate the"
                        + " test class with @StrataClone");
            }
            return;
        }
        if (isReset(ctx)) {
            h.reset();
            ctx.getStore(NS).put(RESET_HELD, h);
        } else {
            h.markIfFirst();
        }
    }

    @Override
    public void afterEach(ExtensionContext ctx) {
        CloneHandle held = ctx.getStore(NS).remove(RESET_HELD, CloneHandle.class);
        if (held != null) {
            held.release();
        }
    }

    private static boolean isReset(ExtensionContext ctx) {
        if (AnnotationSupport.isAnnotated(ctx.getRequiredTestMethod(), StrataReset.class)) {
            return true;
        }
        for (Class<?> c = ctx.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, StrataReset.class)) {
                return true;
            }
        }
        return false;
    }

    /** The nearest clone: the method's, else the class's, else an enclosing class's (for @Nested). */
    private static CloneHandle find(ExtensionContext ctx) {
        for (ExtensionContext c = ctx; c != null; c = c.getParent().orElse(null)) {
            CloneHandle h = c.getStore(NS).get(CLONE, CloneHandle.class);
            if (h != null) {
                return h;
            }
        }
        return null;
    }

    private static CloneHandle makeClone(StrataClone spec, Class<?> testClass, String label) {
        StrataEnvironment env = StrataEnvironment.get();
        ClusterId target = cloneName(label);
        String password = password();
        Optional<String> run = StrataEnvironment.runCluster();
        CloneRequest r;
        if (run.isPresent()) {
            r = CloneRequest.latest(ClusterId.of(run.get()), target);
        } else {
            env.sources().ensure(spec.source(), declaredSources(testClass), testClass.getClassLoader());
            ClusterId source = ClusterId.of(spec.source());
            if (!spec.snapshot().isEmpty()) {
                r = CloneRequest.fromSnapshot(SnapshotId.of(spec.snapshot()), target);
            } else if (spec.at().equalsIgnoreCase("latest")) {
                r = CloneRequest.latest(source, target);
            } else {
                r = CloneRequest.at(source, Times.parse(spec.at(), Instant.now()), target);
            }
        }
        r = r.withMasterPassword(password).withTtl(spec.ttl()).withBacktrackWindow(Duration.ofHours(24));
        Cluster c = env.client().clone(r);
        return new CloneHandle(env.client(), c, new StrataDatabase(c.id(), c.endpoint(), password, spec.database()));
    }

    /** Every {@link StrataSource} on the test class and the classes enclosing it. */
    private static List<StrataSource> declaredSources(Class<?> testClass) {
        List<StrataSource> out = new ArrayList<>();
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            out.addAll(AnnotationSupport.findRepeatableAnnotations(c, StrataSource.class));
        }
        return out;
    }

    /** {@code junit-LABEL-RANDOM}: a valid, unique cluster identifier that says which test made it. */
    static ClusterId cloneName(String label) {
        String l = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        // 63 characters at most: "junit-" + label + "-" + 8 hex digits.
        if (l.length() > 48) {
            l = l.substring(0, 48).replaceAll("-+$", "");
        }
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return ClusterId.of("junit-" + (l.isEmpty() ? "" : l + "-") + HexFormat.of().formatHex(b));
    }

    private static String password() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "t" + HexFormat.of().formatHex(b);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        Class<?> t = p.getParameter().getType();
        return t == DataSource.class || t == StrataDatabase.class || t == Cluster.class || t == StrataClient.class
                || t == String.class && p.isAnnotated(StrataJdbcUrl.class);
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
        Class<?> t = p.getParameter().getType();
        if (t == StrataClient.class) {
            return StrataEnvironment.get().client();
        }
        CloneHandle h = find(ctx);
        if (h == null) {
            AnnotatedElement where = p.getDeclaringExecutable();
            throw new ParameterResolutionException("no Strata clone for " + where + ": annotate the test class or"
                    + " method with @StrataClone");
        }
        if (t == DataSource.class) {
            return h.database().dataSource();
        }
        if (t == StrataDatabase.class) {
            return h.database();
        }
        if (t == Cluster.class) {
            return h.cluster();
        }
        return h.database().jdbcUrl();
    }
}
