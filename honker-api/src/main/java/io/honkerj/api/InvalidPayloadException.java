package io.honkerj.api;

/** A payload or result could not be encoded to JSON, or a text given as JSON is not JSON. */
public final class InvalidPayloadException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, quoting the bad text
     * @param cause the parser's or encoder's failure
     */
    public InvalidPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
