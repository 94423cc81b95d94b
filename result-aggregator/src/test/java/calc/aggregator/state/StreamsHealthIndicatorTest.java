package calc.aggregator.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class StreamsHealthIndicatorTest {

    @Test
    void runningStreamsAreUp() {
        Health health = new StreamsHealthIndicator(() -> KafkaStreams.State.RUNNING).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).isEqualTo(Map.of("state", "RUNNING"));
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void anyOtherStateIsOutOfService(KafkaStreams.State state) {
        Health health = new StreamsHealthIndicator(() -> state).health();

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).isEqualTo(Map.of("state", state.name()));
    }
}
