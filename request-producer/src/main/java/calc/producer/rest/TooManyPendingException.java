package calc.producer.rest;

/** More REST requests wait for the broker than {@code calc.producer.max-pending} allows. */
final class TooManyPendingException extends RuntimeException {
    TooManyPendingException(int maxPending) {
        super("calc.producer.max-pending (" + maxPending + ") requests are already waiting for Kafka's acknowledgement;"
                + " retry in a moment");
    }
}
