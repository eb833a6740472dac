package io.strata.control;

/**
 * The errors the control plane reports, named by their RDS error codes (the model is Aurora's, so SDK code
 * written against Aurora sees the exceptions it expects). {@code httpStatus} is the status RDS answers with.
 */
public enum Fault {
    DB_CLUSTER_NOT_FOUND("DBClusterNotFoundFault", 404),
    DB_CLUSTER_ALREADY_EXISTS("DBClusterAlreadyExistsFault", 400),
    DB_CLUSTER_QUOTA_EXCEEDED("DBClusterQuotaExceededFault", 403),
    INVALID_DB_CLUSTER_STATE("InvalidDBClusterStateFault", 400),
    DB_INSTANCE_NOT_FOUND("DBInstanceNotFound", 404),
    DB_INSTANCE_ALREADY_EXISTS("DBInstanceAlreadyExists", 400),
    SNAPSHOT_NOT_FOUND("DBClusterSnapshotNotFoundFault", 404),
    SNAPSHOT_ALREADY_EXISTS("DBClusterSnapshotAlreadyExistsFault", 400),
    INVALID_RESTORE("InvalidRestoreFault", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination", 400),
    MISSING_PARAMETER("MissingParameter", 400),
    ENDPOINT_UNAVAILABLE("InternalFailure", 500);

    private final String code;
    private final int httpStatus;

    Fault(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Sender faults are the caller's to fix; only internal failures are the server's. */
    public boolean isSender() {
        return httpStatus < 500;
    }

    public ControlException error(String message) {
        return new ControlException(this, message);
    }
}
