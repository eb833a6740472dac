package io.strata.control;

/** A refused or failed control-plane request; {@link #fault()} names it as RDS does. */
public final class ControlException extends RuntimeException {
    private final Fault fault;

    public ControlException(Fault fault, String message) {
        super(message);
        this.fault = fault;
    }

    public ControlException(Fault fault, String message, Throwable cause) {
        super(message, cause);
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }
}
