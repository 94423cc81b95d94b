package calc.worker;

import calc.contract.ErrorCode;
import calc.contract.Operation;

/** The runtime's tests' calculator: {@code a * b}, OVERFLOW when the product leaves 64 bits. */
final class ExactMultiply implements Calculator {
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
