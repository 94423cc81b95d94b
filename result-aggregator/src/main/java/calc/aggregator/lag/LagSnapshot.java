package calc.aggregator.lag;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lag of every monitored consumer group at one refresh: what {@code GET /api/lag} answers.
 * {@code refreshedAt} is null until the first refresh has completed.
 */
public record LagSnapshot(Instant refreshedAt, long refreshIntervalMs, List<GroupLag> groups) {

    public LagSnapshot {
        groups = List.copyOf(groups);
    }

    public static LagSnapshot none(long refreshIntervalMs) {
        return new LagSnapshot(null, refreshIntervalMs, List.of());
    }

    public Optional<GroupLag> group(String name) {
        return groups.stream().filter(group -> group.group().equals(name)).findFirst();
    }
}
