package calc.aggregator.web;

/** The requested resource is unknown to the aggregator: answered 404 NOT_FOUND. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
