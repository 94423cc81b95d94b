package calc.aggregator.web;

/** A query parameter that is blank or out of its range: answered 400 INVALID_REQUEST. */
public class InvalidParameterException extends RuntimeException {
    public InvalidParameterException(String message) {
        super(message);
    }
}
