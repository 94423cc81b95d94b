package calc.multiply;

import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.worker.CalculationFailure;
import calc.worker.Calculator;

/** Version v1: {@code a * b}, exact, with OVERFLOW when the product does not fit in signed 64 bits. */
public class Multiply implements Calculator {

    @Override
    public Operation operation() {
        return Operation.MULTIPLY;
    }

    @Override
    public long calculate(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new CalculationFailure(ErrorCode.OVERFLOW, a + " * " + b + " overflows 64 bits");
        }
    }
}
