package calc.aggregator.metrics;

import calc.aggregator.state.LocalStores;
import calc.aggregator.state.ServiceAggregate;
import calc.aggregator.state.StoreNames;
import calc.aggregator.state.StreamsUnavailableException;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The results' metrics, read at each scrape from the state the aggregator committed, never counted
 * as records go by: a transaction that aborts and is processed again therefore counts once.
 * {@code calc_results_total} (service, version, status) counts each request's first result;
 * {@code calc_result_latency_seconds} is the histogram of their latencies (submittedAt to
 * completedAt). Each instance reports the partitions it holds, labelled {@code partition}, so that a
 * partition that moves to another instance continues there as the same series rather than showing
 * as a counter reset; sum over partitions (and instances) for a service's figures.
 */
public final class ResultMetrics implements MultiCollector {
    static final String RESULTS = "calc_results";
    static final String LATENCY = "calc_result_latency_seconds";
    /** Bucket upper bounds in seconds; the last one, +Inf, counts every latency. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
            Double.POSITIVE_INFINITY};

    private final LocalStores stores;

    public ResultMetrics(LocalStores stores) {
        this.stores = stores;
    }

    @Override
    public MetricSnapshots collect() {
        Map<Integer, List<ServiceAggregate>> byPartition;
        try {
            byPartition = stores.allValuesByPartition(StoreNames.SERVICES);
        } catch (StreamsUnavailableException e) {
            // Starting, rebalancing or restoring: the partitions are reported again by whoever holds them next.
            byPartition = Map.of();
        }
        CounterSnapshot.Builder results = CounterSnapshot.builder().name(RESULTS)
                .help("First results per request, by the service and version that answered and their status");
        HistogramSnapshot.Builder latency = HistogramSnapshot.builder().name(LATENCY)
                .help("Latency of each request's first result, submittedAt to completedAt");
        byPartition.forEach((partition, aggregates) -> aggregates.forEach(aggregate -> {
            Labels labels = Labels.of("partition", String.valueOf(partition), "service", aggregate.service(),
                    "version", aggregate.version());
            results.dataPoint(CounterDataPointSnapshot.builder().labels(labels.add("status", "OK"))
                    .value(aggregate.ok()).build());
            results.dataPoint(CounterDataPointSnapshot.builder().labels(labels.add("status", "ERROR"))
                    .value(aggregate.errors()).build());
            latency.dataPoint(histogram(aggregate.latency(), labels));
        }));
        return new MetricSnapshots(results.build(), latency.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(RESULTS, LATENCY);
    }

    /** HdrHistogram keeps no exact sum: it is the sum of each bucket's count times its middle value. */
    private static HistogramDataPointSnapshot histogram(Histogram latencies, Labels labels) {
        long[] counts = new long[BOUNDS.length];
        long below = 0;
        for (int i = 0; i < BOUNDS.length - 1; i++) {
            long upToBound = latencies.getCountBetweenValues(0, (long) (BOUNDS[i] * 1000));
            counts[i] = upToBound - below;
            below = upToBound;
        }
        counts[BOUNDS.length - 1] = latencies.getTotalCount() - below;
        double sumSeconds = latencies.getMean() * latencies.getTotalCount() / 1000;
        return HistogramDataPointSnapshot.builder().labels(labels)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, counts))
                .sum(sumSeconds)
                .build();
    }
}
