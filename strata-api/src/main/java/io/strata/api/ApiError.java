package io.strata.api;

import io.strata.control.ControlException;

/** An error answered as RDS error XML: its code, message, HTTP status, and whether the sender is at fault. */
final class ApiError extends RuntimeException {
    final String code;
    final int status;

    ApiError(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    static ApiError of(ControlException e) {
        return new ApiError(e.fault().code(), e.fault().httpStatus(), e.getMessage());
    }

    static ApiError invalidParameter(String message) {
        return new ApiError("InvalidParameterValue", 400, message);
    }

    static ApiError missingParameter(String name) {
        return new ApiError("MissingParameter", 400, "The request must contain the parameter " + name + ".");
    }

    String type() {
        return status < 500 ? "Sender" : "Receiver";
    }
}
