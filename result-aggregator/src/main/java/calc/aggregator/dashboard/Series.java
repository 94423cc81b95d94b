package calc.aggregator.dashboard;

import calc.aggregator.measure.LatencyHistograms;
import calc.aggregator.state.ServiceSecond;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * Per (service, version), one point per second from {@code from} to {@code to} (epoch seconds,
 * both inclusive): results completed, errors among them, and their p99 latency (null in a
 * second without results). Every array has one entry per element of {@code seconds}, so a chart
 * plots them against it as they are.
 */
public record Series(long from, long to, List<Long> seconds, List<VersionSeries> versions) {

    /** p99Ms has null elements (seconds without results), so the lists are fixed-size views, not List.copyOf. */
    public record VersionSeries(String service, String version, List<Long> results, List<Long> errors, List<Long> p99Ms) {
    }

    /** Merges the tasks' shares of each second; shares outside [from, to] are ignored. */
    public static Series of(long from, long to, Map<String, List<String>> versionsByService,
            Collection<ServiceSecond> shares) {
        long[] seconds = LongStream.rangeClosed(from, to).toArray();
        List<VersionSeries> versions = new ArrayList<>();
        versionsByService.forEach((service, names) -> names.forEach(version -> {
            Map<Long, ServiceSecond> merged = new TreeMap<>();
            shares.stream()
                    .filter(share -> share.service().equals(service) && share.version().equals(version))
                    .filter(share -> share.epochSecond() >= from && share.epochSecond() <= to)
                    .forEach(share -> merged.computeIfAbsent(share.epochSecond(),
                            second -> ServiceSecond.empty(service, version, second)).add(share));
            versions.add(series(service, version, seconds, merged));
        }));
        return new Series(from, to, LongStream.of(seconds).boxed().toList(), List.copyOf(versions));
    }

    private static VersionSeries series(String service, String version, long[] seconds, Map<Long, ServiceSecond> merged) {
        Long[] results = new Long[seconds.length];
        Long[] errors = new Long[seconds.length];
        Long[] p99 = new Long[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            ServiceSecond second = merged.get(seconds[i]);
            results[i] = second == null ? 0L : second.ok() + second.errors();
            errors[i] = second == null ? 0L : second.errors();
            p99[i] = second == null ? null
                    : LatencyHistograms.percentile(second.latency(), 0.99).stream().boxed().findFirst().orElse(null);
        }
        return new VersionSeries(service, version, List.of(results), List.of(errors),
                Collections.unmodifiableList(Arrays.asList(p99)));
    }
}
