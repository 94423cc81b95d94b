package calc.multiply;

import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.worker.CalculationFailure;
import calc.worker.Calculator;

/**
 * Version v2: "add {@code a} to itself {@code b} times". Gives the same answers as v1 wherever it
 * finishes: every partial sum lies between 0 and the product, so a step overflows exactly when
 * the product does. Refuses with BUDGET_EXCEEDED when |b| additions would exceed the budget.
 */
public class RepeatedAddition implements Calculator {
    private final long iterationBudget;

    public RepeatedAddition(long iterationBudget) {
        if (iterationBudget < 0) {
            throw new IllegalArgumentException("the iteration budget cannot be negative");
        }
        this.iterationBudget = iterationBudget;
    }

    @Override
    public Operation operation() {
        return Operation.MULTIPLY;
    }

    @Override
    public long calculate(long a, long b) {
        // Long.MIN_VALUE has no positive counterpart; it is far past any budget anyway.
        if (b == Long.MIN_VALUE || Math.abs(b) > iterationBudget) {
            throw new CalculationFailure(ErrorCode.BUDGET_EXCEEDED,
                    a + " * " + b + " needs " + (b == Long.MIN_VALUE ? "2^63" : Math.abs(b))
                            + " additions, past the budget of " + iterationBudget);
        }
        long sum = 0;
        try {
            for (long i = Math.abs(b); i > 0; i--) {
                sum = b > 0 ? Math.addExact(sum, a) : Math.subtractExact(sum, a);
            }
        } catch (ArithmeticException e) {
            throw new CalculationFailure(ErrorCode.OVERFLOW, a + " * " + b + " overflows 64 bits");
        }
        return sum;
    }
}
