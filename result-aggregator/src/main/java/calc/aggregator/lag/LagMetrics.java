package calc.aggregator.lag;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Publishes each lag snapshot as Prometheus gauges: per partition {@code calc_lag_records} and
 * {@code calc_lag_seconds}; per group {@code calc_group_lag_records}, {@code calc_group_lag_seconds},
 * {@code calc_group_status} (the {@link LagStatus} ordinal: 0 OK ... 4 STOPPED) and
 * {@code calc_group_members} per version. Rows of partitions, groups and versions that are gone
 * are removed, so the series follow the cluster, not the run time.
 */
public final class LagMetrics implements Consumer<LagSnapshot> {
    private final MultiGauge lagRecords;
    private final MultiGauge lagSeconds;
    private final MultiGauge groupLagRecords;
    private final MultiGauge groupLagSeconds;
    private final MultiGauge groupStatus;
    private final MultiGauge groupMembers;

    public LagMetrics(MeterRegistry registry) {
        lagRecords = gauge(registry, "calc.lag.records", "Records not yet consumed: committed offset to last stable offset");
        lagSeconds = gauge(registry, "calc.lag.seconds", "Age of the oldest unconsumed record; 0 when caught up");
        groupLagRecords = gauge(registry, "calc.group.lag.records", "Records not yet consumed over the group's partitions");
        groupLagSeconds = gauge(registry, "calc.group.lag.seconds", "Age of the group's oldest unconsumed record");
        groupStatus = gauge(registry, "calc.group.status", "Worst partition status: 0 OK, 1 WARN, 2 REWIND, 3 STALLED, 4 STOPPED");
        groupMembers = gauge(registry, "calc.group.members", "Members of the group running each version");
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    @Override
    public void accept(LagSnapshot snapshot) {
        List<Row<?>> records = new ArrayList<>();
        List<Row<?>> seconds = new ArrayList<>();
        List<Row<?>> members = new ArrayList<>();
        for (GroupLag group : snapshot.groups()) {
            for (PartitionLag partition : group.partitions()) {
                Tags tags = Tags.of("group", group.group(), "topic", partition.topic(),
                        "partition", Integer.toString(partition.partition()));
                if (partition.lag() != null) {
                    records.add(Row.of(tags, partition.lag()));
                }
                if (partition.lagSeconds() != null) {
                    seconds.add(Row.of(tags, partition.lagSeconds()));
                }
            }
            Map<String, Long> byVersion = group.members().stream()
                    .collect(Collectors.groupingBy(member -> Objects.requireNonNullElse(member.version(), "unknown"),
                            Collectors.counting()));
            byVersion.forEach((version, count) -> members.add(Row.of(Tags.of("group", group.group(), "version", version), count)));
        }
        lagRecords.register(records, true);
        lagSeconds.register(seconds, true);
        groupMembers.register(members, true);
        groupLagRecords.register(perGroup(snapshot, group -> group.totals().lag()), true);
        groupLagSeconds.register(perGroup(snapshot, group -> group.totals().lagSeconds()), true);
        groupStatus.register(perGroup(snapshot, group -> group.status().ordinal()), true);
    }

    private static List<Row<?>> perGroup(LagSnapshot snapshot, java.util.function.Function<GroupLag, Number> value) {
        return snapshot.groups().stream()
                .<Row<?>>map(group -> Row.of(Tags.of("group", group.group()), value.apply(group)))
                .toList();
    }
}
