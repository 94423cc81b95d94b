package calc.aggregator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import calc.aggregator.measure.LatencyHistograms;
import calc.aggregator.state.ServiceSecond;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class WindowKpisTest {
    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00.700Z");
    private static final long SECOND = NOW.getEpochSecond();

    @Test
    void aWindowIsItsLastWholeSecondsUpToTheCurrentOne() {
        Window window = Window.ending(NOW, Duration.ofSeconds(30));

        assertThat(window.firstSecond()).isEqualTo(SECOND - 29);
        assertThat(window.lastSecond()).isEqualTo(SECOND);
        assertThat(window.start()).isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    void sharesOfEveryTaskAndSecondInTheWindowMergeAndOlderOnesAreLeftOut() {
        // Given shares from two tasks in the window, one just before it and one far older
        List<ServiceSecond> shares = List.of(
                share(SECOND, 3, 1, 0, 5),
                share(SECOND, 2, 0, 1, 7),
                share(SECOND - 29, 1, 0, 0, 9),
                share(SECOND - 30, 100, 100, 100, 1000),
                share(SECOND - 590, 100, 100, 100, 1000));

        // When the last 30 s are taken
        WindowKpis kpis = WindowKpis.of(shares, Window.ending(NOW, Duration.ofSeconds(30)));

        // Then only the first three count
        assertThat(kpis).isEqualTo(new WindowKpis(6, 1, 1, latencies(5, 5, 5, 5, 7, 7, 9)));
        assertThat(kpis.requests()).isEqualTo(7);
        assertThat(kpis.errorRate()).isEqualTo(1 / 7.0);
    }

    @Test
    void noSharesAreNoResults() {
        WindowKpis kpis = WindowKpis.of(List.of(), Window.ending(NOW, Duration.ofSeconds(30)));

        assertThat(kpis).isEqualTo(WindowKpis.empty());
        assertThat(kpis.errorRate()).isZero();
    }

    /** A share whose answers all took {@code latencyMs}. */
    private static ServiceSecond share(long second, long ok, long errors, long mismatches, long latencyMs) {
        return new ServiceSecond("multiply-worker", "v2", second, ok, errors, mismatches,
                latencies(LongStream.range(0, ok + errors).map(i -> latencyMs).toArray()));
    }

    private static Histogram latencies(long... values) {
        return LatencyHistograms.of(values);
    }
}
