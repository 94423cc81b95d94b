package calc.producer.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OutputLinesTest {

    @Test
    void theFinalLineHasTheFormatScriptsGrepFor() {
        // Given
        LoadReport report = new LoadReport("demo-1", 10_000, new Progress(10_000, 10_000, 0), 3_200_000_000L, null);

        // Then
        assertThat(report.line())
                .isEqualTo("load finished: batch demo-1, sent 10000, acknowledged 10000, failed 0 in 3.2 s (3125 req/s)");
        assertThat(report.succeeded()).isTrue();
    }

    @Test
    void aRunWithAFailureDidNotSucceed() {
        LoadReport report = new LoadReport("b", 10, new Progress(10, 9, 1), 1_000_000_000L, "TimeoutException: x");

        assertThat(report.line()).isEqualTo("load finished: batch b, sent 10, acknowledged 9, failed 1 in 1.0 s (9 req/s)");
        assertThat(report.succeeded()).isFalse();
    }

    @Test
    void progressOnAPipeIsOnePlainLinePerReportWithTheRateSinceTheLastReport() {
        // Given
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong(0);
        AtomicReference<Progress> progress = new AtomicReference<>(new Progress(0, 0, 0));
        ProgressReporter reporter = new ProgressReporter(print(out), false, progress::get, clock::get);

        // When
        progress.set(new Progress(1500, 1200, 3));
        clock.set(1_000_000_000L);
        reporter.run();
        progress.set(new Progress(2000, 2000, 3));
        clock.set(3_000_000_000L);
        reporter.run();
        reporter.finish();

        // Then
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "sent 1500, acknowledged 1200, failed 3, rate 1200 req/s" + System.lineSeparator()
                + "sent 2000, acknowledged 2000, failed 3, rate 400 req/s" + System.lineSeparator());
    }

    @Test
    void progressOnATerminalRewritesOneLine() {
        // Given
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong(0);
        AtomicReference<Progress> progress = new AtomicReference<>(new Progress(100, 100, 0));
        ProgressReporter reporter = new ProgressReporter(print(out), true, progress::get, clock::get);

        // When
        clock.set(1_000_000_000L);
        reporter.run();
        progress.set(new Progress(100, 100, 0));
        clock.set(2_000_000_000L);
        reporter.run();
        reporter.finish();

        // Then: the shorter second line pads over the end of the first
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "\rsent 100, acknowledged 100, failed 0, rate 100 req/s"
                + "\rsent 100, acknowledged 100, failed 0, rate 0 req/s  " + System.lineSeparator());
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
