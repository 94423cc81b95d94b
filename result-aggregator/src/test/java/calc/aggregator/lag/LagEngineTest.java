package calc.aggregator.lag;

import static org.assertj.core.api.Assertions.assertThat;

import calc.aggregator.lag.ClusterReader.ClusterView;
import calc.aggregator.lag.ClusterReader.GroupView;
import calc.aggregator.lag.LagProperties.OffsetReset;
import calc.aggregator.lag.OldestRecords.Position;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Where lag counts from, without a broker: the cluster's answer and the first records' timestamps
 * are given; a window of 3 refreshes, STOPPED after 2 minutes without a move.
 */
class LagEngineTest {
    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);
    private static final TopicPartition T2 = new TopicPartition("t", 2);

    private final TestClock clock = new TestClock(START);
    private final Map<Position, OptionalLong> firstRecords = new HashMap<>();
    private final Set<Position> asked = new HashSet<>();
    private ClusterView cluster;

    @Test
    void aPartitionTheGroupNeverCommittedLagsFromTheLogStartAndAgesWithTheFirstRecordThere() throws Exception {
        // Given a member "g-worker-1" on v3 holding t-0, never committed, with records 40 to 99 and the one at 40
        // written 30 s ago, and t-1, committed at 10 of 20, whose record at 10 was written 5 s ago
        cluster = view(Map.of(T1, 10L), Map.of(T0, 100L, T1, 20L), Map.of(T0, 40L), member("g-worker-1@v3", T0, T1));
        firstRecords.put(new Position(T0, 40, 100), OptionalLong.of(START.minusSeconds(30).toEpochMilli()));
        firstRecords.put(new Position(T1, 10, 20), OptionalLong.of(START.minusSeconds(5).toEpochMilli()));

        // When the engine, configured with no offset reset for the group, refreshes
        GroupLag group = refresh(engine(Map.of()));

        // Then t-0 counts every record from the log start, with the first one's age, and the totals include it
        assertThat(group.partitions()).containsExactly(
                new PartitionLag("t", 0, null, LagPosition.EARLIEST, 40, 100, 60, 30.0, LagStatus.OK, "g-worker-1", "v3"),
                new PartitionLag("t", 1, 10L, LagPosition.COMMITTED, 10, 20, 10, 5.0, LagStatus.OK, "g-worker-1", "v3"));
        assertThat(group.totals()).isEqualTo(new GroupLag.Totals(70, 30.0, 2));
        assertThat(asked).containsExactlyInAnyOrder(new Position(T0, 40, 100), new Position(T1, 10, 20));
    }

    @Test
    void aGroupWhoseOffsetResetIsLatestHasNothingBehindWhereItNeverCommitted() throws Exception {
        // Given a member holding t-0, never committed, with records 40 to 99
        cluster = view(Map.of(), Map.of(T0, 100L), Map.of(T0, 40L), member("g-worker-1@v3", T0));

        // When the engine, configured with the offset reset latest for the group, refreshes
        GroupLag group = refresh(engine(Map.of("g", OffsetReset.LATEST)));

        // Then a new member would start at the end: nothing is behind, and no record is read
        assertThat(group.partitions()).containsExactly(
                new PartitionLag("t", 0, null, LagPosition.LATEST, 100, 100, 0, 0.0, LagStatus.OK, "g-worker-1", "v3"));
        assertThat(group.totals()).isEqualTo(new GroupLag.Totals(0, 0.0, 1));
        assertThat(asked).isEmpty();
    }

    @Test
    void anIdleGroupOnEmptyEmptiedOrOnlyAbortedPartitionsHasNoLag() throws Exception {
        // Given a member holding, never committed, t-0 (empty), t-1 (all 5 records deleted) and t-2 (only an
        // aborted transaction: 2 records and the marker)
        cluster = view(Map.of(), Map.of(T0, 0L, T1, 5L, T2, 3L), Map.of(T0, 0L, T1, 5L, T2, 0L),
                member("g-worker-1@v3", T0, T1, T2));
        firstRecords.put(new Position(T2, 0, 3), OptionalLong.empty());

        // When the engine refreshes
        GroupLag group = refresh(engine(Map.of()));

        // Then every partition reads 0 records and 0 s; only t-2 needed a read
        assertThat(group.partitions()).containsExactly(
                new PartitionLag("t", 0, null, LagPosition.EARLIEST, 0, 0, 0, 0.0, LagStatus.OK, "g-worker-1", "v3"),
                new PartitionLag("t", 1, null, LagPosition.EARLIEST, 5, 5, 0, 0.0, LagStatus.OK, "g-worker-1", "v3"),
                new PartitionLag("t", 2, null, LagPosition.EARLIEST, 0, 3, 0, 0.0, LagStatus.OK, "g-worker-1", "v3"));
        assertThat(group.totals()).isEqualTo(new GroupLag.Totals(0, 0.0, 3));
        assertThat(asked).containsExactly(new Position(T2, 0, 3));
    }

    @Test
    void aMemberThatNeverStartsOnItsBacklogStallsThenStopsAndIsJudgedAfreshOnceItCommits() throws Exception {
        // Given a member holding t-0, never committed, with records 0 to 99
        cluster = view(Map.of(), Map.of(T0, 100L), Map.of(T0, 0L), member("g-worker-1@v3", T0));
        firstRecords.put(new Position(T0, 0, 100), OptionalLong.of(START.toEpochMilli()));
        LagEngine engine = engine(Map.of());

        // When the engine refreshes every 5 s for a full window, then again after 2 minutes
        List<LagStatus> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(refresh(engine).status());
            clock.advance(Duration.ofSeconds(5));
        }
        clock.advance(Duration.ofSeconds(105));
        statuses.add(refresh(engine).status());
        // and then the group commits offset 50 for the first time
        clock.advance(Duration.ofSeconds(5));
        cluster = view(Map.of(T0, 50L), Map.of(T0, 100L), Map.of(), member("g-worker-1@v3", T0));
        firstRecords.put(new Position(T0, 50, 100), OptionalLong.of(START.plusSeconds(50).toEpochMilli()));
        PartitionLag committed = refresh(engine).partitions().get(0);

        // Then the log start stood still as a committed offset would: STALLED after the window, STOPPED after 2 minutes
        assertThat(statuses).containsExactly(LagStatus.OK, LagStatus.OK, LagStatus.STALLED, LagStatus.STOPPED);
        // and the first commit starts the partition's history again
        assertThat(committed).isEqualTo(new PartitionLag("t", 0, 50L, LagPosition.COMMITTED, 50, 100, 50, 75.0,
                LagStatus.OK, "g-worker-1", "v3"));
    }

    @Test
    void aPartitionWhoseLogStartIsUnknownIsLeftOut() throws Exception {
        // Given a member holding t-0, never committed, whose topic was deleted between the two offset requests
        cluster = view(Map.of(), Map.of(T0, 100L), Map.of(), member("g-worker-1@v3", T0));

        // When the engine refreshes
        GroupLag group = refresh(engine(Map.of()));

        // Then the partition is not shown, as one whose end offset is unknown
        assertThat(group.partitions()).isEmpty();
        assertThat(group.totals()).isEqualTo(new GroupLag.Totals(0, 0.0, 0));
    }

    private LagEngine engine(Map<String, OffsetReset> offsetReset) {
        LagProperties settings = new LagProperties(List.of("g"), Duration.ofSeconds(5), 3, Duration.ofMinutes(2),
                Duration.ofMinutes(10), offsetReset);
        return new LagEngine(groups -> cluster, this::timestamps, settings, clock, List.of());
    }

    private GroupLag refresh(LagEngine engine) throws Exception {
        return engine.refresh().group("g").orElseThrow();
    }

    private Map<Position, OptionalLong> timestamps(Set<Position> wanted) {
        asked.addAll(wanted);
        Map<Position, OptionalLong> answer = new HashMap<>(firstRecords);
        answer.keySet().retainAll(wanted);
        return answer;
    }

    private static ClusterView view(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> stableEnds,
            Map<TopicPartition, Long> logStarts, MemberDescription member) {
        return new ClusterView(List.of(new GroupView("g", "STABLE", "consumer", List.of(member), committed)),
                stableEnds, logStarts);
    }

    private static MemberDescription member(String clientId, TopicPartition... partitions) {
        return new MemberDescription("member-1", Optional.empty(), Optional.empty(), clientId, "/127.0.0.1",
                new MemberAssignment(Set.of(partitions)), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
