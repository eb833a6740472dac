package io.strata.control;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DBInstanceClass means on Strata: the page cache of the cluster's engine, in MiB. Aurora's classes keep
 * their relative sizes at a laptop's scale (a class's cache is an upper bound; H2 fills it only with pages read):
 *
 * <pre>
 *   size        micro  small  medium  large  xlarge  2xlarge  4xlarge  8xlarge and up
 *   cache MiB      16     32      64    128     256      512     1024            2048
 * </pre>
 *
 * for every family ({@code db.t3}, {@code db.t4g}, {@code db.r5}, {@code db.r6g}, {@code db.r6i}, {@code db.r7g},
 * {@code db.x2g}, ...; {@code db.serverless} is 64). Strata's own: {@code db.strata.local} (64, the default
 * cluster's), and {@code db.strata.NNNm} for exactly NNN MiB (8 to 65536).
 */
public final class InstanceClasses {
    /** The class of an instance created without DBInstanceClass. */
    public static final String DEFAULT = "db.r6g.large";
    private static final Pattern AWS = Pattern.compile("db\\.[a-z][a-z0-9-]*\\.(micro|small|medium|large|(\\d*)xlarge)");
    private static final Pattern STRATA_MB = Pattern.compile("db\\.strata\\.(\\d{1,5})m");
    private static final Map<String, Integer> FIXED = Map.of("db.strata.local", 64, "db.serverless", 64);

    private InstanceClasses() {
    }

    /**
     * The engine cache of {@code instanceClass}.
     *
     * @throws ControlException InvalidParameterValue for a class Strata does not know
     */
    public static int cacheSizeMb(String instanceClass) {
        String c = instanceClass.toLowerCase(Locale.ROOT);
        Integer fixed = FIXED.get(c);
        if (fixed != null) {
            return fixed;
        }
        Matcher m = STRATA_MB.matcher(c);
        if (m.matches()) {
            int mb = Integer.parseInt(m.group(1));
            if (mb >= 8 && mb <= 65_536) {
                return mb;
            }
        }
        m = AWS.matcher(c);
        if (m.matches() && !c.startsWith("db.strata.")) {
            return switch (m.group(1)) {
                case "micro" -> 16;
                case "small" -> 32;
                case "medium" -> 64;
                case "large" -> 128;
                default -> xlarge(m.group(2));
            };
        }
        throw Fault.INVALID_PARAMETER_VALUE.error("Invalid DBInstanceClass " + instanceClass + ": use an Aurora class"
                + " such as db.t3.medium or db.r6g.large, db.strata.local, or db.strata.NNNm for an NNN MiB engine cache"
                + " (8 to 65536).");
    }

    /** As {@link #cacheSizeMb}, but 64 MiB for a class not known (instances kept from before classes were checked). */
    static int cacheSizeMbOrDefault(String instanceClass) {
        try {
            return cacheSizeMb(instanceClass);
        } catch (ControlException e) {
            return 64;
        }
    }

    private static int xlarge(String multiple) {
        int n = multiple.isEmpty() ? 1 : Integer.parseInt(multiple);
        long mb = 256L * Math.max(1, n);
        return (int) Math.min(2048, mb);
    }
}
