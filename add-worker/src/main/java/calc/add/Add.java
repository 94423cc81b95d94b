package calc.add;

import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.worker.CalculationFailure;
import calc.worker.Calculator;
import org.springframework.stereotype.Component;

/** Version v1: {@code a + b}, exact, with OVERFLOW when the sum does not fit in signed 64 bits. */
@Component
public class Add implements Calculator {

    @Override
    public Operation operation() {
        return Operation.ADD;
    }

    @Override
    public long calculate(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new CalculationFailure(ErrorCode.OVERFLOW, a + " + " + b + " overflows 64 bits");
        }
    }
}
