package calc.producer.rest;

/** The broker did not acknowledge a valid request in time; answered with 503. */
final class PublishFailedException extends RuntimeException {
    PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
