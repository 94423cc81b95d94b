package calc.producer.rest;

import calc.contract.CalcError;

/** A request body that breaks the contract's request rules; answered with 400. */
final class RequestRejectedException extends RuntimeException {
    private final transient CalcError error;

    RequestRejectedException(CalcError error) {
        super(error.message());
        this.error = error;
    }

    CalcError error() {
        return error;
    }
}
