package io.strata.client;

/**
 * The API refused a request: its RDS error code (e.g. {@code DBClusterNotFoundFault}), message and HTTP
 * status. The common codes have their own subclasses, so callers catch what they can handle:
 * {@link NotFound}, {@link AlreadyExists}, {@link InvalidRequest}, {@link InvalidState}, {@link QuotaExceeded}.
 */
public class StrataApiException extends StrataException {
    private final String code;
    private final String apiMessage;
    private final int httpStatus;
    private final String requestId;

    StrataApiException(String code, String message, int httpStatus, String requestId) {
        super(message + " (" + code + ")");
        this.code = code;
        this.apiMessage = message;
        this.httpStatus = httpStatus;
        this.requestId = requestId;
    }

    /** The exception of the right kind for an RDS error code. */
    static StrataApiException of(String code, String message, int httpStatus, String requestId) {
        return switch (code) {
            case "DBClusterNotFoundFault", "DBInstanceNotFound", "DBClusterSnapshotNotFoundFault" ->
                    new NotFound(code, message, httpStatus, requestId);
            case "DBClusterAlreadyExistsFault", "DBInstanceAlreadyExists", "DBClusterSnapshotAlreadyExistsFault" ->
                    new AlreadyExists(code, message, httpStatus, requestId);
            case "InvalidParameterValue", "InvalidParameterCombination", "MissingParameter", "InvalidRestoreFault" ->
                    new InvalidRequest(code, message, httpStatus, requestId);
            case "InvalidDBClusterStateFault" -> new InvalidState(code, message, httpStatus, requestId);
            case "DBClusterQuotaExceededFault" -> new QuotaExceeded(code, message, httpStatus, requestId);
            default -> new StrataApiException(code, message, httpStatus, requestId);
        };
    }

    /** The RDS error code, e.g. {@code DBClusterNotFoundFault}. */
    public String code() {
        return code;
    }

    /** The API's message, without the code. */
    public String apiMessage() {
        return apiMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String requestId() {
        return requestId;
    }

    /** No such cluster, instance or snapshot. */
    public static final class NotFound extends StrataApiException {
        NotFound(String code, String message, int httpStatus, String requestId) {
            super(code, message, httpStatus, requestId);
        }
    }

    /** A cluster, instance or snapshot of that name exists already. */
    public static final class AlreadyExists extends StrataApiException {
        AlreadyExists(String code, String message, int httpStatus, String requestId) {
            super(code, message, httpStatus, requestId);
        }
    }

    /** A parameter is missing, malformed or out of range, or parameters conflict (the caller's to fix). */
    public static final class InvalidRequest extends StrataApiException {
        InvalidRequest(String code, String message, int httpStatus, String requestId) {
            super(code, message, httpStatus, requestId);
        }
    }

    /** The cluster is not in a state that allows the action (backtracking, stopped, has instances, ...). */
    public static final class InvalidState extends StrataApiException {
        InvalidState(String code, String message, int httpStatus, String requestId) {
            super(code, message, httpStatus, requestId);
        }
    }

    /** A limit was reached, e.g. the copy-on-write clones of one source (15, as in Aurora). */
    public static final class QuotaExceeded extends StrataApiException {
        QuotaExceeded(String code, String message, int httpStatus, String requestId) {
            super(code, message, httpStatus, requestId);
        }
    }
}
