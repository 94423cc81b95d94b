package calc.aggregator.web;

import calc.contract.RequestParser;

/** A path id that breaks the contract's id rule can name nothing: answered 400 INVALID_REQUEST. */
public class InvalidIdException extends RuntimeException {
    public InvalidIdException(String field) {
        super(field + " must be 1-128 characters of [A-Za-z0-9._:-]");
    }

    /** Returns the id when it obeys the contract's rule. */
    public static String requireValid(String field, String id) {
        if (!RequestParser.isValidId(id)) {
            throw new InvalidIdException(field);
        }
        return id;
    }
}
