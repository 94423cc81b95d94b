package calc.aggregator.lag;

import calc.aggregator.lag.ClusterReader.ClusterView;
import calc.aggregator.lag.ClusterReader.GroupView;
import calc.aggregator.lag.GroupLag.Member;
import calc.aggregator.lag.GroupLag.PartitionRef;
import calc.aggregator.lag.GroupLag.Totals;
import calc.aggregator.lag.OldestRecords.Position;
import calc.contract.MemberName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the lag of the monitored consumer groups, one refresh at a time, and hands each
 * {@link LagSnapshot} to its listeners. Lag counts from the committed offset to the last stable
 * offset; its age is that of the oldest unconsumed record, read, never interpolated. Each
 * partition's status is judged over its last {@code window} refreshes ({@link PartitionTrack}).
 * Refreshes must not overlap: one thread calls {@link #refresh}.
 */
public final class LagEngine {
    private static final Logger log = LoggerFactory.getLogger(LagEngine.class);

    private record TrackKey(String group, TopicPartition partition) {
    }

    private final ClusterReader cluster;
    private final OldestRecords oldestRecords;
    private final LagProperties settings;
    private final Clock clock;
    private final List<Consumer<LagSnapshot>> listeners;
    private Map<TrackKey, PartitionTrack> tracks = new HashMap<>();
    private volatile LagSnapshot latest;

    LagEngine(ClusterReader cluster, OldestRecords oldestRecords, LagProperties settings, Clock clock,
            List<Consumer<LagSnapshot>> listeners) {
        this.cluster = cluster;
        this.oldestRecords = oldestRecords;
        this.settings = settings;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
        this.latest = LagSnapshot.none(settings.interval().toMillis());
    }

    /** The last completed refresh; empty of groups before the first. */
    public LagSnapshot latest() {
        return latest;
    }

    LagSnapshot refresh() throws InterruptedException, ExecutionException, TimeoutException {
        Instant now = clock.instant();
        ClusterView view = cluster.read(settings.groups());
        Map<Position, OptionalLong> timestamps = oldestRecords.timestamps(positionsBehind(view));
        Map<TrackKey, PartitionTrack> nextTracks = new HashMap<>();
        List<GroupLag> groups = view.groups().stream()
                .map(group -> groupLag(group, view.stableEnds(), timestamps, now, nextTracks))
                .toList();
        // Partitions gone from every group take their history with them.
        tracks = nextTracks;
        latest = new LagSnapshot(now, settings.interval().toMillis(), groups);
        listeners.forEach(this::tell);
        return latest;
    }

    /** One listener's failure must neither stop the others nor the refreshes. */
    private void tell(Consumer<LagSnapshot> listener) {
        try {
            listener.accept(latest);
        } catch (RuntimeException e) {
            log.error("A lag listener failed on the refresh of {}", latest.refreshedAt(), e);
        }
    }

    private static Set<Position> positionsBehind(ClusterView view) {
        Set<Position> behind = new HashSet<>();
        for (GroupView group : view.groups()) {
            group.committed().forEach((partition, committed) -> {
                Long end = view.stableEnds().get(partition);
                if (end != null && end > committed) {
                    behind.add(new Position(partition, committed, end));
                }
            });
        }
        return behind;
    }

    private GroupLag groupLag(GroupView group, Map<TopicPartition, Long> ends, Map<Position, OptionalLong> timestamps,
            Instant now, Map<TrackKey, PartitionTrack> nextTracks) {
        Map<TopicPartition, MemberName> owners = new HashMap<>();
        List<Member> members = group.members().stream()
                .map(member -> member(member, owners))
                .sorted(Comparator.comparing(Member::instance))
                .toList();
        List<PartitionLag> partitions = new ArrayList<>();
        for (TopicPartition partition : group.partitions()) {
            Long end = ends.get(partition);
            if (end != null) {
                TrackKey key = new TrackKey(group.group(), partition);
                PartitionTrack track = tracks.getOrDefault(key,
                        new PartitionTrack(settings.statusWindow(), settings.stoppedAfter()));
                nextTracks.put(key, track);
                partitions.add(partitionLag(partition, group.committed().get(partition), end, owners.get(partition),
                        timestamps, now, track));
            }
        }
        partitions.sort(Comparator.comparing(PartitionLag::topic).thenComparing(PartitionLag::partition));
        return new GroupLag(group.group(), group.state(), group.protocol(), worst(partitions), totals(partitions),
                members, partitions);
    }

    private static Member member(MemberDescription description, Map<TopicPartition, MemberName> owners) {
        // A client may leave its client.id empty: the member id names it then.
        MemberName name = MemberName.parse(
                description.clientId().isBlank() ? description.consumerId() : description.clientId());
        Set<TopicPartition> assigned = description.assignment().topicPartitions();
        assigned.forEach(partition -> owners.put(partition, name));
        return new Member(name.instance(), name.version().orElse(null), description.clientId(), description.host(),
                assigned.stream()
                        .map(partition -> new PartitionRef(partition.topic(), partition.partition()))
                        .sorted(Comparator.comparing(PartitionRef::topic).thenComparing(PartitionRef::partition))
                        .toList());
    }

    private static PartitionLag partitionLag(TopicPartition partition, Long committed, long end, MemberName owner,
            Map<Position, OptionalLong> timestamps, Instant now, PartitionTrack track) {
        Long lag = null;
        Double lagSeconds = null;
        LagStatus status = LagStatus.OK;
        if (committed != null) {
            long behind = Math.max(0, end - committed);
            if (behind == 0) {
                lag = 0L;
                lagSeconds = 0.0;
            } else {
                OptionalLong oldest = timestamps.get(new Position(partition, committed, end));
                // Only markers or aborted records left to read: nothing is waiting.
                boolean nothingWaiting = oldest != null && oldest.isEmpty();
                lag = nothingWaiting ? 0L : behind;
                lagSeconds = nothingWaiting ? 0.0 : oldest == null ? null : ageSeconds(oldest.getAsLong(), now);
            }
            status = track.observe(now, committed, lag, owner != null);
        }
        return new PartitionLag(partition.topic(), partition.partition(), committed, end, lag, lagSeconds, status,
                owner == null ? null : owner.instance(), owner == null ? null : owner.version().orElse(null));
    }

    private static double ageSeconds(long timestampMs, Instant now) {
        return Math.max(0, now.toEpochMilli() - timestampMs) / 1000.0;
    }

    private static LagStatus worst(List<PartitionLag> partitions) {
        return partitions.stream().map(PartitionLag::status).reduce(LagStatus.OK, LagStatus::worst);
    }

    private static Totals totals(List<PartitionLag> partitions) {
        long lag = partitions.stream().map(PartitionLag::lag).filter(l -> l != null).mapToLong(Long::longValue).sum();
        double seconds = partitions.stream().map(PartitionLag::lagSeconds).filter(s -> s != null)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        return new Totals(lag, seconds, partitions.size());
    }

    Duration interval() {
        return settings.interval();
    }
}
