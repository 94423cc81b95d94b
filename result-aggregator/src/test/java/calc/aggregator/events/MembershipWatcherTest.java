package calc.aggregator.events;

import static org.assertj.core.api.Assertions.assertThat;

import calc.aggregator.lag.GroupLag;
import calc.aggregator.lag.GroupLag.Member;
import calc.aggregator.lag.GroupLag.PartitionRef;
import calc.aggregator.lag.GroupLag.Totals;
import calc.aggregator.lag.LagSnapshot;
import calc.aggregator.lag.LagStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MembershipWatcherTest {
    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void joinsAndLeavesAfterTheFirstSnapshotBecomeEventsAndARejoinedMemberIsNone() {
        // Given a watcher that has seen multiply-worker-1 (v1) and multiply-worker-2 (v1)
        EventLog log = new EventLog(10);
        MembershipWatcher watcher = new MembershipWatcher(log);
        watcher.accept(snapshot(START, member("multiply-worker-1", "v1", 6), member("multiply-worker-2", "v1", 6)));

        // When multiply-worker-3 (v2) joins, then multiply-worker-1 leaves and worker 2 rejoins with other partitions
        watcher.accept(snapshot(START.plusSeconds(5), member("multiply-worker-1", "v1", 4),
                member("multiply-worker-2", "v1", 4), member("multiply-worker-3", "v2", 4)));
        watcher.accept(snapshot(START.plusSeconds(10), member("multiply-worker-2", "v1", 6),
                member("multiply-worker-3", "v2", 6)));

        // Then exactly the join and the leave are events
        assertThat(log.events()).containsExactly(
                new Event(START.plusSeconds(5), "multiply-worker", Event.Kind.JOINED, "multiply-worker-3", "v2",
                        "holds 4 partitions"),
                new Event(START.plusSeconds(10), "multiply-worker", Event.Kind.LEFT, "multiply-worker-1", "v1", ""));
    }

    @Test
    void theSameVerdictAskedAgainWithinAMinuteIsOneEvent() {
        EventLog log = new EventLog(10);
        Event pass = new Event(START, "multiply-worker", Event.Kind.VERDICT, null, "v2", "PASS: v2 vs v1 over 30 s");

        log.addUnlessRepeated(pass, Duration.ofMinutes(1));
        log.addUnlessRepeated(withTime(pass, START.plusSeconds(59)), Duration.ofMinutes(1));
        log.addUnlessRepeated(withTime(pass, START.plusSeconds(61)), Duration.ofMinutes(1));

        assertThat(log.events()).extracting(Event::at).containsExactly(START, START.plusSeconds(61));
    }

    @Test
    void theLogKeepsTheNewestEventsOnly() {
        EventLog log = new EventLog(2);
        Event first = new Event(START, "g", Event.Kind.JOINED, "a", "v1", "");

        log.add(first);
        log.add(withTime(first, START.plusSeconds(1)));
        log.add(withTime(first, START.plusSeconds(2)));

        assertThat(log.events()).extracting(Event::at).containsExactly(START.plusSeconds(1), START.plusSeconds(2));
    }

    private static Event withTime(Event event, Instant at) {
        return new Event(at, event.group(), event.kind(), event.instance(), event.version(), event.detail());
    }

    private static Member member(String instance, String version, int partitions) {
        List<PartitionRef> held = IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionRef("calc.multiply.requests", p)).toList();
        return new Member(instance, version, instance + "@" + version, "/127.0.0.1", held);
    }

    private static LagSnapshot snapshot(Instant at, Member... members) {
        return new LagSnapshot(at, 5000, List.of(new GroupLag("multiply-worker", "STABLE", "consumer", LagStatus.OK,
                new Totals(0, 0, 12), List.of(members), List.of())));
    }
}
