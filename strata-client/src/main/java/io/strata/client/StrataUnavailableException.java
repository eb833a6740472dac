package io.strata.client;

/** The Strata API could not be reached, failed mid-request, or what answered is not a Strata API. */
public final class StrataUnavailableException extends StrataException {
    public StrataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
