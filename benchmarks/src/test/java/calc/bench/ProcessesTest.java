package calc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessesTest {

    @Test
    void cpuSecondsAreUserPlusSystemTicksEvenWhenTheCommandNameHasSpaces() {
        // Given a /proc/PID/stat line whose command name holds a space and a parenthesis
        String stat = "4242 (java (main)) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1530 247 0 0 20 0 45 0 1234 "
                + "2819908000 69505 18446744073709551615 1 1 0 0 0 0 0 4096 16898 0 0 0 17 1 0 0 0 0 0";

        // When its CPU time is read
        double seconds = Processes.cpuSeconds(stat);

        // Then utime 1530 and stime 247 ticks are 17.77 s
        assertThat(seconds).isEqualTo(17.77);
    }

    @Test
    void residentMemoryComesFromVmRss() {
        assertThat(Processes.rssMb("Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  278020 kB\nThreads:\t45\n"))
                .isEqualTo(271);
    }

    @Test
    void startToReadyTimesAreReadFromCalcUpsOutput() {
        // Given what ./calc up prints
        String output = """
                Starting Kafka on 127.0.0.1:39092 (data in /tmp/bench/kafka)...
                Starting the services, waiting until each is ready...
                  ready: multiply-worker-1 in 24436 ms
                  ready: result-aggregator in 29356 ms
                """;

        // When the times are read
        Map<String, Long> ready = Processes.startToReadyMs(output);

        // Then every service has its own, in order
        assertThat(ready).containsExactly(Map.entry("multiply-worker-1", 24436L), Map.entry("result-aggregator", 29356L));
    }
}
