package calc.aggregator.stats;

import calc.aggregator.measure.LatencyHistogram;
import calc.aggregator.topology.ServiceAggregate;
import calc.aggregator.topology.Totals;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The system-wide picture: per (service, version) the answers it gave, their rate over the last
 * 60 s of completedAt, latency percentiles and mismatches; and the totals over all ids. Task
 * shares of the same (service, version) are merged first.
 */
public record StatsReport(
        List<Service> services, long requested, long completed, long pending, long duplicates, long deadLetters) {

    public record Service(String service, String version, long requests, long ok, long errors,
            double ratePerSec, Latency latencyMs, long mismatches) {
    }

    public record Latency(Long p50, Long p95, Long p99) {
        static Latency of(LatencyHistogram histogram) {
            return new Latency(boxed(histogram.percentile(0.50)), boxed(histogram.percentile(0.95)),
                    boxed(histogram.percentile(0.99)));
        }
    }

    public static StatsReport of(List<ServiceAggregate> shares, List<Totals> totalShares, List<Long> deadLetterShares,
            Instant now) {
        Map<String, ServiceAggregate> merged = new TreeMap<>();
        shares.forEach(share -> merged.merge(share.service() + "/" + share.version(), share, ServiceAggregate::merge));
        List<Service> services = merged.values().stream()
                .sorted(Comparator.comparing(ServiceAggregate::service).thenComparing(ServiceAggregate::version))
                .map(aggregate -> service(aggregate, now))
                .toList();
        Totals totals = totalShares.stream().reduce(Totals.zero(), Totals::plus);
        long deadLetters = deadLetterShares.stream().mapToLong(Long::longValue).sum();
        return new StatsReport(services, totals.requested(), totals.completed(),
                totals.requested() - totals.completed(), totals.duplicates(), deadLetters);
    }

    private static Service service(ServiceAggregate aggregate, Instant now) {
        double rate = Math.round(aggregate.completions().ratePerSecond(now) * 1000) / 1000.0;
        return new Service(aggregate.service(), aggregate.version(), aggregate.requests(), aggregate.ok(),
                aggregate.errors(), rate, Latency.of(aggregate.latency()), aggregate.mismatches());
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
