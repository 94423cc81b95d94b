package calc.producer.rest;

/** A call that changes state came without the configured API token (calc.producer.api-token). */
final class MissingTokenException extends RuntimeException {
    MissingTokenException() {
        super("this call needs the header Authorization: Bearer <calc.producer.api-token>");
    }
}
