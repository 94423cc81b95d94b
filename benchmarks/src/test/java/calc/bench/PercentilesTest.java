package calc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void percentilesAreNearestRank() {
        // Given the latencies 1 to 1000 ms, in no particular order
        long[] millis = LongStream.rangeClosed(1, 1000).map(n -> 1001 - n).toArray();

        // When their percentiles are taken
        Percentiles percentiles = Percentiles.of(millis);

        // Then each is the value at its rank
        assertThat(percentiles).isEqualTo(new Percentiles(1000, 500, 990, 999, 1000));
    }

    @Test
    void noLatenciesGiveZeros() {
        assertThat(Percentiles.of(new long[0])).isEqualTo(new Percentiles(0, 0, 0, 0, 0));
    }
}
