package calc.aggregator.measure;

import calc.contract.CalculationResult;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import java.util.OptionalLong;

/**
 * The reference every result is checked against: exact 64-bit arithmetic. A result is a
 * mismatch when it is OK with a different value, OK where the exact answer overflows, or an
 * OVERFLOW error where the exact answer fits. Other errors (BUDGET_EXCEEDED, INVALID_REQUEST,
 * UNSUPPORTED_OPERATION) are a worker's legitimate refusals, never mismatches; so is a result
 * that does not carry its operation and operands, since there is nothing to check.
 */
public final class ReferenceArithmetic {
    private ReferenceArithmetic() {
    }

    /** The exact answer, empty when it does not fit in signed 64 bits. */
    public static OptionalLong exact(Operation operation, long a, long b) {
        try {
            return OptionalLong.of(switch (operation) {
                case MULTIPLY -> Math.multiplyExact(a, b);
                case ADD -> Math.addExact(a, b);
            });
        } catch (ArithmeticException overflow) {
            return OptionalLong.empty();
        }
    }

    public static boolean isMismatch(CalculationResult result) {
        if (result.operation() == null || result.a() == null || result.b() == null) {
            return false;
        }
        OptionalLong expected = exact(result.operation(), result.a(), result.b());
        if (result.isOk()) {
            return expected.isEmpty() || expected.getAsLong() != result.result();
        }
        return result.error().code() == ErrorCode.OVERFLOW && expected.isPresent();
    }
}
