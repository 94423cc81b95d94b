package calc.aggregator.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LagHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void theLagAtAMomentIsThatOfTheLatestSampleAtOrBeforeIt() {
        // Given samples at 0 s, 1 s and 2 s
        LagHistory history = new LagHistory(Duration.ofMinutes(10));
        history.record("g", new LagSample(T0, 10));
        history.record("g", new LagSample(T0.plusSeconds(1), 20));
        history.record("g", new LagSample(T0.plusSeconds(2), 30));

        // Then
        assertThat(history.totalLag("g", T0.plusMillis(1500))).hasValue(20);
        assertThat(history.totalLag("g", T0.plusSeconds(2))).hasValue(30);
        assertThat(history.totalLag("g", T0.plusSeconds(60))).hasValue(30);
        assertThat(history.totalLag("g", T0.minusMillis(1))).isEmpty();
        assertThat(history.oldest("g")).contains(new LagSample(T0, 10));
        assertThat(history.latest("g")).contains(new LagSample(T0.plusSeconds(2), 30));
    }

    @Test
    void samplesOlderThanTheKeptDurationAreDropped() {
        // Given a 10-minute history sampled every second for 15 minutes
        LagHistory history = new LagHistory(Duration.ofMinutes(10));
        for (int second = 0; second <= 900; second++) {
            history.record("g", new LagSample(T0.plusSeconds(second), second));
        }

        // Then only the last 10 minutes are left
        assertThat(history.oldest("g")).contains(new LagSample(T0.plusSeconds(300), 300));
        assertThat(history.totalLag("g", T0.plusSeconds(299))).isEmpty();
    }

    @Test
    void groupsAreKeptApartAndAnUnknownGroupHasNoLag() {
        LagHistory history = new LagHistory(Duration.ofMinutes(10));
        history.record("a", new LagSample(T0, 1));
        history.record("b", new LagSample(T0, 2));

        assertThat(history.totalLag("a", T0)).hasValue(1);
        assertThat(history.totalLag("b", T0)).hasValue(2);
        assertThat(history.totalLag("c", T0)).isEmpty();
        assertThat(history.latest("c")).isEqualTo(Optional.empty());
    }
}
