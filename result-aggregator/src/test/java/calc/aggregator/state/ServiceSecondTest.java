package calc.aggregator.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ServiceSecondTest {

    @Test
    void keysAreZeroPaddedToTwelveDigitsSoThatTheySortByTime() {
        for (long second : new long[] {0, 7, 1_795_796_935L, 999_999_999_999L, 1_000_000_000_000L, -5}) {
            assertThat(ServiceSecond.key("multiply-worker", "v2", second))
                    .isEqualTo("multiply-worker/v2/" + String.format(Locale.ROOT, "%012d", second));
        }
        assertThat(ServiceSecond.key("s", "v1", 99)).isLessThan(ServiceSecond.key("s", "v1", 100));
    }
}
