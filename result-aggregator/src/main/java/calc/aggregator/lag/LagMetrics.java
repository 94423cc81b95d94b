package calc.aggregator.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Publishes each lag snapshot as Prometheus gauges: per partition {@code calc_lag_records} and
 * {@code calc_lag_seconds}; per group {@code calc_group_lag_records}, {@code calc_group_lag_seconds},
 * {@code calc_group_status} (the {@link LagStatus} ordinal: 0 OK ... 4 STOPPED) and
 * {@code calc_group_members} per version; and {@code calc_lag_refreshed_seconds}, when the last
 * refresh started (epoch seconds), so a stale engine shows. Rows of partitions, groups and
 * versions that are gone are removed; rows that stay are never re-registered, so a scrape
 * during an update never misses them.
 */
public final class LagMetrics implements Consumer<LagSnapshot> {
    /** One gauge's rows: the latest value per tag set, read by the registered rows at scrape time. */
    private static final class Rows {
        private final MultiGauge gauge;
        private volatile Map<Tags, Double> values = Map.of();

        Rows(MeterRegistry registry, String name, String description) {
            gauge = MultiGauge.builder(name).description(description).register(registry);
        }

        void publish(Map<Tags, Double> next) {
            values = Map.copyOf(next);
            gauge.register(next.keySet().stream()
                    .<Row<?>>map(tags -> Row.of(tags, this, rows -> rows.values.getOrDefault(tags, Double.NaN)))
                    .toList(), false);
        }
    }

    private final Rows lagRecords;
    private final Rows lagSeconds;
    private final Rows groupLagRecords;
    private final Rows groupLagSeconds;
    private final Rows groupStatus;
    private final Rows groupMembers;
    private final AtomicReference<Double> refreshedAt = new AtomicReference<>(Double.NaN);

    public LagMetrics(MeterRegistry registry) {
        lagRecords = new Rows(registry, "calc.lag.records", "Records not yet consumed: position (committed offset, or offset reset) to last stable offset");
        lagSeconds = new Rows(registry, "calc.lag.seconds", "Age of the oldest unconsumed record; 0 when caught up");
        groupLagRecords = new Rows(registry, "calc.group.lag.records", "Records not yet consumed over the group's partitions");
        groupLagSeconds = new Rows(registry, "calc.group.lag.seconds", "Age of the group's oldest unconsumed record");
        groupStatus = new Rows(registry, "calc.group.status", "Worst partition status: 0 OK, 1 WARN, 2 REWIND, 3 STALLED, 4 STOPPED");
        groupMembers = new Rows(registry, "calc.group.members", "Members of the group running each version");
        Gauge.builder("calc.lag.refreshed.seconds", refreshedAt, AtomicReference::get)
                .description("When the last lag refresh started, in seconds since the epoch").register(registry);
    }

    @Override
    public void accept(LagSnapshot snapshot) {
        Map<Tags, Double> records = new HashMap<>();
        Map<Tags, Double> seconds = new HashMap<>();
        Map<Tags, Double> members = new HashMap<>();
        for (GroupLag group : snapshot.groups()) {
            for (PartitionLag partition : group.partitions()) {
                Tags tags = Tags.of("group", group.group(), "topic", partition.topic(),
                        "partition", Integer.toString(partition.partition()));
                records.put(tags, (double) partition.lag());
                if (partition.lagSeconds() != null) {
                    seconds.put(tags, partition.lagSeconds());
                }
            }
            group.members().forEach(member -> members.merge(Tags.of("group", group.group(),
                    "version", Objects.requireNonNullElse(member.version(), "unknown")), 1.0, Double::sum));
        }
        lagRecords.publish(records);
        lagSeconds.publish(seconds);
        groupMembers.publish(members);
        groupLagRecords.publish(perGroup(snapshot.groups(), group -> (double) group.totals().lag()));
        groupLagSeconds.publish(perGroup(snapshot.groups(), group -> group.totals().lagSeconds()));
        groupStatus.publish(perGroup(snapshot.groups(), group -> (double) group.status().ordinal()));
        refreshedAt.set(snapshot.refreshedAt().toEpochMilli() / 1000.0);
    }

    private static Map<Tags, Double> perGroup(List<GroupLag> groups, Function<GroupLag, Double> value) {
        Map<Tags, Double> rows = new HashMap<>();
        groups.forEach(group -> rows.put(Tags.of("group", group.group()), value.apply(group)));
        return rows;
    }
}
