package calc.aggregator.lag;

import static org.assertj.core.api.Assertions.assertThat;

import calc.aggregator.lag.GroupLag.Member;
import calc.aggregator.lag.GroupLag.Totals;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagMetricsTest {
    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void gaugesFollowTheLatestSnapshotAndRowsOfPartitionsAndVersionsThatAreGoneAreRemoved() {
        // Given metrics published for two partitions and members on v1 and v2
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LagMetrics metrics = new LagMetrics(registry);
        metrics.accept(snapshot(START, List.of(partition(0, 5L, 1.5), partition(1, 7L, 2.0)),
                List.of(member("w-1", "v1"), member("w-2", "v2"))));

        // When the next snapshot has partition 0 only, with new values, and only v2 members
        metrics.accept(snapshot(START.plusSeconds(5), List.of(partition(0, 9L, 3.25)),
                List.of(member("w-2", "v2"), member("w-3", "v2"))));

        // Then every gauge shows the new snapshot and nothing of what is gone
        assertThat(registry.find("calc.lag.records").gauges()).extracting(g -> g.getId().getTag("partition") + "=" + g.value())
                .containsExactly("0=9.0");
        assertThat(registry.find("calc.lag.seconds").gauges()).extracting(Gauge::value).containsExactly(3.25);
        assertThat(registry.find("calc.group.members").gauges()).extracting(g -> g.getId().getTag("version") + "=" + g.value())
                .containsExactly("v2=2.0");
        assertThat(registry.get("calc.group.status").tag("group", "multiply-worker").gauge().value()).isEqualTo(3.0);
        assertThat(registry.get("calc.group.lag.records").gauge().value()).isEqualTo(9.0);
        assertThat(registry.get("calc.lag.refreshed.seconds").gauge().value()).isEqualTo(START.getEpochSecond() + 5.0);
    }

    private static PartitionLag partition(int partition, long lag, Double lagSeconds) {
        return new PartitionLag("calc.multiply.requests", partition, 100L, LagPosition.COMMITTED, 100, 100 + lag, lag,
                lagSeconds, LagStatus.STALLED, null, null);
    }

    private static Member member(String instance, String version) {
        return new Member(instance, version, instance + "@" + version, "/127.0.0.1", List.of());
    }

    private static LagSnapshot snapshot(Instant at, List<PartitionLag> partitions, List<Member> members) {
        long lag = partitions.stream().mapToLong(PartitionLag::lag).sum();
        double seconds = partitions.stream().mapToDouble(PartitionLag::lagSeconds).max().orElse(0);
        return new LagSnapshot(at, 5000, List.of(new GroupLag("multiply-worker", "STABLE", "consumer",
                LagStatus.STALLED, new Totals(lag, seconds, partitions.size()), members, partitions)));
    }
}
