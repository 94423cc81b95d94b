package calc.aggregator.query;

import calc.aggregator.measure.LatencyHistograms;
import calc.aggregator.state.ServiceAggregate;
import calc.aggregator.state.ServiceSecond;
import calc.aggregator.state.Totals;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The system-wide picture: per (service, version) the answers it gave, their rate over the last
 * {@value #RATE_SECONDS} s of completedAt, latency percentiles and mismatches; and the totals over
 * all ids. Shares of the same (service, version) are added up first.
 */
public record StatsReport(
        List<Service> services, long requested, long completed, long pending, long duplicates, long deadLetters) {
    static final int RATE_SECONDS = 60;

    public record Service(String service, String version, long requests, long ok, long errors,
            double ratePerSec, Latency latencyMs, long mismatches) {
    }

    public record Latency(Long p50, Long p95, Long p99) {
        static Latency of(Histogram histogram) {
            return new Latency(boxed(LatencyHistograms.percentile(histogram, 0.50)),
                    boxed(LatencyHistograms.percentile(histogram, 0.95)),
                    boxed(LatencyHistograms.percentile(histogram, 0.99)));
        }
    }

    public static StatsReport of(List<ServiceAggregate> shares, List<ServiceSecond> lastMinute, List<Totals> totalShares,
            List<Long> deadLetterShares) {
        Map<String, ServiceAggregate> merged = new TreeMap<>();
        shares.forEach(share -> merged.computeIfAbsent(ServiceAggregate.key(share.service(), share.version()),
                key -> ServiceAggregate.empty(share.service(), share.version())).add(share));
        Map<String, Long> recent = new TreeMap<>();
        lastMinute.forEach(second -> recent.merge(ServiceAggregate.key(second.service(), second.version()),
                second.ok() + second.errors(), Long::sum));
        List<Service> services = merged.values().stream()
                .sorted(Comparator.comparing(ServiceAggregate::service).thenComparing(ServiceAggregate::version))
                .map(aggregate -> service(aggregate, recent.getOrDefault(
                        ServiceAggregate.key(aggregate.service(), aggregate.version()), 0L)))
                .toList();
        Totals totals = totalShares.stream().reduce(Totals.zero(), Totals::plus);
        long deadLetters = deadLetterShares.stream().mapToLong(Long::longValue).sum();
        return new StatsReport(services, totals.requested(), totals.completed(),
                totals.requested() - totals.completed(), totals.duplicates(), deadLetters);
    }

    private static Service service(ServiceAggregate aggregate, long lastMinute) {
        double rate = Math.round(lastMinute * 1000.0 / RATE_SECONDS) / 1000.0;
        return new Service(aggregate.service(), aggregate.version(), aggregate.requests(), aggregate.ok(),
                aggregate.errors(), rate, Latency.of(aggregate.latency()), aggregate.mismatches());
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
