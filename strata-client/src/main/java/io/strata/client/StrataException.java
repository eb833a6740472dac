package io.strata.client;

/**
 * Anything {@link StrataClient} could not do: the API refused the request ({@link StrataApiException} and its
 * kinds), the API could not be reached ({@link StrataUnavailableException}), or a wait timed out
 * ({@link StrataTimeoutException}).
 */
public class StrataException extends RuntimeException {
    public StrataException(String message) {
        super(message);
    }

    public StrataException(String message, Throwable cause) {
        super(message, cause);
    }
}
