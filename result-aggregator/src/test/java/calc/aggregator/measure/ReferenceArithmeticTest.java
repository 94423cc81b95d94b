package calc.aggregator.measure;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.CalcError;
import calc.contract.CalculationResult;
import calc.contract.CalculationResult.Status;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.contract.WorkerIdentity;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceArithmeticTest {
    private static final WorkerIdentity WORKER = new WorkerIdentity("multiply-worker", "v2", "w-1");

    @ParameterizedTest(name = "{0} {1} {2} answered OK {3} is a mismatch: {4}")
    @CsvSource({
        "MULTIPLY, 6, 7, 42, false",
        "MULTIPLY, 6, 7, 43, true",
        "MULTIPLY, -3, 0, 0, false",
        "MULTIPLY, 4611686018427387904, 2, -9223372036854775808, true",
        "ADD, 2, 3, 5, false",
        "ADD, 9223372036854775807, 1, -9223372036854775808, true",
    })
    void anOkResultMustEqualTheExactAnswer(Operation operation, long a, long b, long answer, boolean mismatch) {
        CalculationResult result = result(operation, a, b, Status.OK, answer, null);

        assertThat(ReferenceArithmetic.isMismatch(result)).isEqualTo(mismatch);
    }

    @ParameterizedTest(name = "{0} {1} {2} answered {3} is a mismatch: {4}")
    @CsvSource({
        "MULTIPLY, 6, 9223372036854775807, OVERFLOW, false",
        "MULTIPLY, 6, 7, OVERFLOW, true",
        "ADD, 9223372036854775807, 1, OVERFLOW, false",
        "ADD, 1, 1, OVERFLOW, true",
        "MULTIPLY, 6, 7, BUDGET_EXCEEDED, false",
        "MULTIPLY, 6, 7, INVALID_REQUEST, false",
        "ADD, 6, 7, UNSUPPORTED_OPERATION, false",
    })
    void onlyAnOverflowErrorIsCheckedAgainstTheExactAnswer(
            Operation operation, long a, long b, ErrorCode code, boolean mismatch) {
        CalculationResult result = result(operation, a, b, Status.ERROR, null, new CalcError(code, "why"));

        assertThat(ReferenceArithmetic.isMismatch(result)).isEqualTo(mismatch);
    }

    @Test
    void aResultWithoutOperandsCannotBeChecked() {
        CalculationResult result = new CalculationResult("r-1", null, null, null, null, Status.ERROR, null,
                new CalcError(ErrorCode.OVERFLOW, "odd"), WORKER, null, Instant.EPOCH);

        assertThat(ReferenceArithmetic.isMismatch(result)).isFalse();
    }

    private static CalculationResult result(
            Operation operation, long a, long b, Status status, Long answer, CalcError error) {
        return new CalculationResult("r-1", null, operation, a, b, status, answer, error, WORKER,
                Instant.EPOCH, Instant.EPOCH);
    }
}
