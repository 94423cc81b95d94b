package calc.worker;

import calc.contract.CalcError;
import calc.contract.ErrorCode;

/** A well-formed request that has no exact answer, such as an OVERFLOW; it becomes an ERROR result. */
public class CalculationFailure extends RuntimeException {
    private final ErrorCode code;

    public CalculationFailure(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CalcError error() {
        return new CalcError(code, getMessage());
    }
}
