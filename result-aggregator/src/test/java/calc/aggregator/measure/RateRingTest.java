package calc.aggregator.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateRingTest {
    private static final Instant NOW = Instant.parse("2026-11-27T09:01:00.500Z");

    @Test
    void countsOnlyTheLastSixtySeconds() {
        // Given events 0, 30, 59 and 60 seconds ago
        RateRing ring = RateRing.empty()
                .record(NOW.minusSeconds(60))
                .record(NOW.minusSeconds(59))
                .record(NOW.minusSeconds(30))
                .record(NOW);

        // Then the one 60 s ago is outside the window
        assertThat(ring.countInWindow(NOW)).isEqualTo(3);
        assertThat(ring.ratePerSecond(NOW)).isEqualTo(3 / 60.0);
        // And a minute later nothing is left in the window
        assertThat(ring.countInWindow(NOW.plusSeconds(60))).isZero();
    }

    @Test
    void keepsAtMostSixtyOneSecondBuckets() {
        RateRing ring = RateRing.empty();
        for (int second = 0; second < 500; second++) {
            ring = ring.record(NOW.plusSeconds(second)).record(NOW.plusSeconds(second));
        }

        assertThat(ring.countsBySecond()).hasSize(RateRing.WINDOW_SECONDS);
        assertThat(ring.countInWindow(NOW.plusSeconds(499))).isEqualTo(120);
    }

    @Test
    void anEventOlderThanTheWindowOfTheNewestIsDropped() {
        RateRing ring = RateRing.empty().record(NOW).record(NOW.minusSeconds(120));

        assertThat(ring.countsBySecond()).containsOnlyKeys(NOW.getEpochSecond());
    }

    @Test
    void sharesOfTwoTasksMergeBySecond() {
        RateRing first = RateRing.empty().record(NOW).record(NOW.minusSeconds(5));
        RateRing second = RateRing.empty().record(NOW).record(NOW.minusSeconds(10));

        RateRing merged = first.merge(second);

        assertThat(merged.countsBySecond()).containsExactly(
                org.assertj.core.api.Assertions.entry(NOW.getEpochSecond() - 10, 1L),
                org.assertj.core.api.Assertions.entry(NOW.getEpochSecond() - 5, 1L),
                org.assertj.core.api.Assertions.entry(NOW.getEpochSecond(), 2L));
        assertThat(merged.countInWindow(NOW)).isEqualTo(4);
    }
}
