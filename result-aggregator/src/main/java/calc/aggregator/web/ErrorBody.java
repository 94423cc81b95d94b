package calc.aggregator.web;

import calc.contract.CalcError;
import calc.contract.ErrorCode;

/** Every error the REST API returns: {@code {"error": {"code", "message"}}}. */
public record ErrorBody(CalcError error) {
    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new CalcError(code, message));
    }
}
