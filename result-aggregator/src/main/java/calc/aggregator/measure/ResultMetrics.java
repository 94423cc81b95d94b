package calc.aggregator.measure;

import calc.aggregator.topology.ResultListener;
import calc.contract.CalculationResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records each first result's latency (submittedAt to completedAt) in the timer
 * {@code calc.result.latency} per service, version and status, with a percentile histogram, so
 * Prometheus can chart throughput (the count's rate) and latency quantiles per version.
 */
public final class ResultMetrics implements ResultListener {
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public ResultMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void firstResult(CalculationResult result, String service, String version) {
        String status = result.isOk() ? "OK" : "ERROR";
        ResultLatency.millis(result).ifPresent(millis -> timers
                .computeIfAbsent(service + "/" + version + "/" + status, key -> timer(service, version, status))
                .record(Duration.ofMillis(millis)));
    }

    private Timer timer(String service, String version, String status) {
        return Timer.builder("calc.result.latency")
                .description("Request latency, submittedAt to completedAt, of each request's first result")
                .tags("service", service, "version", version, "status", status)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }
}
