package calc.producer.rest;

/** A REST request body larger than {@code calc.producer.max-body-size}. */
final class BodyTooLargeException extends RuntimeException {
    BodyTooLargeException(long limitBytes) {
        super("the request body is larger than " + limitBytes + " bytes");
    }
}
