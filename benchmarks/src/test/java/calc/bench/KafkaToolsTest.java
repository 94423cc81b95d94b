package calc.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KafkaToolsTest {

    @Test
    void producerPerformanceIsReadFromItsFinalTotalNotItsProgressLines() {
        // Given ProducerPerformance's output: progress lines every 5 s, then the total
        String output = """
                475601 records sent, 95101.2 records/sec (9.07 MB/sec), 280.4 ms avg latency, 610.0 ms max latency.
                200000 records sent, 113809.1 records/sec (10.85 MB/sec), 251.32 ms avg latency, 610.00 ms max \
                latency, 240 ms 50th, 520 ms 95th, 590 ms 99th, 605 ms 99.9th.
                """;

        // When it is parsed
        KafkaTools.ProducerPerf perf = KafkaTools.parseProducerPerf(output);

        // Then the figures are the total's
        assertThat(perf).isEqualTo(new KafkaTools.ProducerPerf(200000, 113809.1, 10.85, 251.32));
    }

    @Test
    void endToEndLatencyGivesItsAverageAndPercentiles() {
        // Given EndToEndLatency's output
        String output = """
                0	2.87
                1000	1.21
                Avg latency: 1.8234 ms
                Percentiles: 50th = 2, 99th = 13, 99.9th = 28
                """;

        // When it is parsed
        KafkaTools.EndToEnd latency = KafkaTools.parseEndToEnd(output);

        // Then
        assertThat(latency).isEqualTo(new KafkaTools.EndToEnd(1.8234, 2, 13, 28));
    }

    @Test
    void aToolThatPrintedNoFiguresIsAnError() {
        assertThatThrownBy(() -> KafkaTools.parseProducerPerf("org.apache.kafka.common.errors.TimeoutException"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no total");
        assertThatThrownBy(() -> KafkaTools.parseEndToEnd("Avg latency: 1.0 ms"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no percentiles");
    }
}
