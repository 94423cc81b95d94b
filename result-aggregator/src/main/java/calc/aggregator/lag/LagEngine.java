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
 * {@link LagSnapshot} to its listeners. Lag counts from the group's position to the last stable
 * offset: its committed offset, or, for a partition it holds without having committed it, where
 * its offset reset would start a new member ({@link LagPosition}). Its age is that of the oldest
 * unconsumed record, read, never interpolated. Each partition's status is judged over its last
 * {@code window} refreshes ({@link PartitionTrack}), the position standing for the committed
 * offset; its history starts again when the kind of position changes. Refreshes must not overlap:
 * one thread calls {@link #refresh}.
 */
public final class LagEngine {
    private static final Logger log = LoggerFactory.getLogger(LagEngine.class);

    /** What a refresh reads from the cluster: {@link ClusterReader}. */
    interface Cluster {
        ClusterView read(List<String> groups) throws InterruptedException, ExecutionException, TimeoutException;
    }

    /** The timestamp of the first record from each position, empty when none lies below its end: {@link OldestRecords}. */
    interface Records {
        Map<Position, OptionalLong> timestamps(Set<Position> wanted);
    }

    /** Where lag counts from: the kind of position and its offset. */
    private record Start(LagPosition position, long offset) {
    }

    private record TrackKey(String group, TopicPartition partition, LagPosition position) {
    }

    private final Cluster cluster;
    private final Records oldestRecords;
    private final LagProperties settings;
    private final Clock clock;
    private final List<Consumer<LagSnapshot>> listeners;
    private Map<TrackKey, PartitionTrack> tracks = new HashMap<>();
    private volatile LagSnapshot latest;

    LagEngine(Cluster cluster, Records oldestRecords, LagProperties settings, Clock clock,
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
                .map(group -> groupLag(group, view, timestamps, now, nextTracks))
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

    private Set<Position> positionsBehind(ClusterView view) {
        Set<Position> behind = new HashSet<>();
        for (GroupView group : view.groups()) {
            for (TopicPartition partition : group.partitions()) {
                Start start = start(group, partition, view);
                if (start != null) {
                    long end = view.stableEnds().get(partition);
                    if (end > start.offset()) {
                        behind.add(new Position(partition, start.offset(), end));
                    }
                }
            }
        }
        return behind;
    }

    /** Null when an offset the start depends on is unknown (the partition's topic was deleted). */
    private Start start(GroupView group, TopicPartition partition, ClusterView view) {
        Long end = view.stableEnds().get(partition);
        if (end == null) {
            return null;
        }
        Long committed = group.committed().get(partition);
        if (committed != null) {
            return new Start(LagPosition.COMMITTED, committed);
        }
        return switch (settings.offsetReset(group.group())) {
            case EARLIEST -> {
                Long logStart = view.logStarts().get(partition);
                yield logStart == null ? null : new Start(LagPosition.EARLIEST, logStart);
            }
            case LATEST -> new Start(LagPosition.LATEST, end);
        };
    }

    private GroupLag groupLag(GroupView group, ClusterView view, Map<Position, OptionalLong> timestamps, Instant now,
            Map<TrackKey, PartitionTrack> nextTracks) {
        Map<TopicPartition, MemberName> owners = new HashMap<>();
        List<Member> members = group.members().stream()
                .map(member -> member(member, owners))
                .sorted(Comparator.comparing(Member::instance))
                .toList();
        List<PartitionLag> partitions = new ArrayList<>();
        for (TopicPartition partition : group.partitions()) {
            Start start = start(group, partition, view);
            if (start != null) {
                TrackKey key = new TrackKey(group.group(), partition, start.position());
                PartitionTrack track = tracks.getOrDefault(key,
                        new PartitionTrack(settings.statusWindow(), settings.stoppedAfter()));
                nextTracks.put(key, track);
                partitions.add(partitionLag(partition, start, view.stableEnds().get(partition), owners.get(partition),
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

    private static PartitionLag partitionLag(TopicPartition partition, Start start, long end, MemberName owner,
            Map<Position, OptionalLong> timestamps, Instant now, PartitionTrack track) {
        long behind = Math.max(0, end - start.offset());
        long lag = 0;
        Double lagSeconds = 0.0;
        if (behind > 0) {
            OptionalLong oldest = timestamps.get(new Position(partition, start.offset(), end));
            // Only markers or aborted records left to read: nothing is waiting.
            boolean nothingWaiting = oldest != null && oldest.isEmpty();
            lag = nothingWaiting ? 0 : behind;
            lagSeconds = nothingWaiting ? 0.0 : oldest == null ? null : ageSeconds(oldest.getAsLong(), now);
        }
        LagStatus status = track.observe(now, start.offset(), lag, owner != null);
        Long committed = start.position() == LagPosition.COMMITTED ? start.offset() : null;
        return new PartitionLag(partition.topic(), partition.partition(), committed, start.position(), start.offset(),
                end, lag, lagSeconds, status, owner == null ? null : owner.instance(),
                owner == null ? null : owner.version().orElse(null));
    }

    private static double ageSeconds(long timestampMs, Instant now) {
        return Math.max(0, now.toEpochMilli() - timestampMs) / 1000.0;
    }

    private static LagStatus worst(List<PartitionLag> partitions) {
        return partitions.stream().map(PartitionLag::status).reduce(LagStatus.OK, LagStatus::worst);
    }

    private static Totals totals(List<PartitionLag> partitions) {
        long lag = partitions.stream().mapToLong(PartitionLag::lag).sum();
        double seconds = partitions.stream().map(PartitionLag::lagSeconds).filter(s -> s != null)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        return new Totals(lag, seconds, partitions.size());
    }

    Duration interval() {
        return settings.interval();
    }
}
