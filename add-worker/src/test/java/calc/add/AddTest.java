package calc.add;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calc.contract.CalcError;
import calc.contract.ErrorCode;
import calc.worker.CalculationFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddTest {
    private final Add add = new Add();

    @ParameterizedTest
    @CsvSource({
        "6, 7, 13",
        "-6, 7, 1",
        "9223372036854775807, -9223372036854775808, -1",
        "9223372036854775806, 1, 9223372036854775807",
        "-9223372036854775807, -1, -9223372036854775808",
    })
    void exactSumsFitting64Bits(long a, long b, long sum) {
        assertThat(add.calculate(a, b)).isEqualTo(sum);
    }

    @ParameterizedTest
    @CsvSource({
        "9223372036854775807, 1",
        "-9223372036854775808, -1",
    })
    void sumsBeyond64BitsAreOverflowErrors(long a, long b) {
        assertThatThrownBy(() -> add.calculate(a, b))
                .isInstanceOfSatisfying(CalculationFailure.class, failure -> assertThat(failure.error())
                        .isEqualTo(new CalcError(ErrorCode.OVERFLOW, a + " + " + b + " overflows 64 bits")));
    }
}
