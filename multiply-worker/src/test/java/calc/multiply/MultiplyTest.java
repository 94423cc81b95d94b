package calc.multiply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calc.contract.CalcError;
import calc.contract.ErrorCode;
import calc.worker.CalculationFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultiplyTest {
    private final Multiply multiply = new Multiply();

    @ParameterizedTest
    @CsvSource({
        "6, 7, 42",
        "-6, 7, -42",
        "-6, -7, 42",
        "0, -9223372036854775808, 0",
        "1, 9223372036854775807, 9223372036854775807",
        "-1, 9223372036854775807, -9223372036854775807",
        "4611686018427387904, -2, -9223372036854775808",
    })
    void exactProductsFitting64Bits(long a, long b, long product) {
        assertThat(multiply.calculate(a, b)).isEqualTo(product);
    }

    @ParameterizedTest
    @CsvSource({
        "6, 9223372036854775807",
        "-1, -9223372036854775808",
        "4611686018427387904, 2",
        "3037000500, 3037000500",
    })
    void productsBeyond64BitsAreOverflowErrors(long a, long b) {
        assertThatThrownBy(() -> multiply.calculate(a, b))
                .isInstanceOfSatisfying(CalculationFailure.class, failure -> assertThat(failure.error())
                        .isEqualTo(new CalcError(ErrorCode.OVERFLOW, a + " * " + b + " overflows 64 bits")));
    }
}
