package calc.multiply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calc.contract.CalcError;
import calc.contract.ErrorCode;
import calc.worker.CalculationFailure;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepeatedAdditionTest {
    private final RepeatedAddition v2 = new RepeatedAddition(50_000_000);
    private final Multiply v1 = new Multiply();

    @Test
    void agreesWithV1WhereverBothFinish() {
        // Given random operands: any a, including the extremes, and b within the budget
        SplittableRandom random = new SplittableRandom(20261127);
        long[] specialA = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE / 3, Long.MIN_VALUE / 7};
        for (int i = 0; i < 20_000; i++) {
            long a = i % 10 == 0 ? specialA[random.nextInt(specialA.length)] : random.nextLong();
            if (i % 3 == 0) {
                a = random.nextLong(-1_000_000, 1_000_001);
            }
            long b = random.nextLong(-2_000, 2_001);

            // When both versions answer, Then they give the same result or the same error
            assertThat(outcome(v2, a, b)).as("%d * %d", a, b).isEqualTo(outcome(v1, a, b));
        }
    }

    @ParameterizedTest
    @CsvSource({"6, 7, 42", "-6, 7, -42", "6, -7, -42", "-6, -7, 42", "0, 5, 0", "5, 0, 0",
        "-9223372036854775808, 1, -9223372036854775808", "9223372036854775807, -1, -9223372036854775807",
        "-4611686018427387904, 2, -9223372036854775808"})
    void signsZerosAndExtremes(long a, long b, long product) {
        assertThat(v2.calculate(a, b)).isEqualTo(product);
    }

    @Test
    void overflowIsDetectedAtTheStepWhereItHappens() {
        assertThat(outcome(v2, Long.MIN_VALUE, -1))
                .isEqualTo(new CalcError(ErrorCode.OVERFLOW, "-9223372036854775808 * -1 overflows 64 bits"));
        assertThat(outcome(v2, 4_611_686_018_427_387_904L, 2)).isInstanceOf(CalcError.class);
    }

    @Test
    void moreAdditionsThanTheBudgetAreRefusedBeforeStarting() {
        RepeatedAddition small = new RepeatedAddition(1_000);

        assertThat(small.calculate(3, -1_000)).isEqualTo(-3_000);
        assertThat(outcome(small, 3, 1_001)).isEqualTo(new CalcError(ErrorCode.BUDGET_EXCEEDED,
                "3 * 1001 needs 1001 additions, past the budget of 1000"));
        assertThat(outcome(small, 3, Long.MIN_VALUE)).isEqualTo(new CalcError(ErrorCode.BUDGET_EXCEEDED,
                "3 * -9223372036854775808 needs 2^63 additions, past the budget of 1000"));
        assertThatThrownBy(() -> new RepeatedAddition(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Object outcome(calc.worker.Calculator calculator, long a, long b) {
        try {
            return calculator.calculate(a, b);
        } catch (CalculationFailure failure) {
            return failure.error();
        }
    }
}
