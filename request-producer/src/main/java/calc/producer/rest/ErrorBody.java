package calc.producer.rest;

import calc.contract.CalcError;
import calc.contract.ErrorCode;

/** Every REST error body: {@code {"error": {"code", "message"}}}. */
record ErrorBody(CalcError error) {

    static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new CalcError(code, message));
    }
}
