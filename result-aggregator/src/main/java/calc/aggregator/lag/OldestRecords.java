package calc.aggregator.lag;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads the timestamp of the oldest unconsumed record of a partition: the first committed record
 * at or after a group's position (its committed offset, or the log start offset for a group that
 * committed nothing and resets to earliest), read (read_committed) by a consumer of its own that
 * belongs to no group. A partition where only transaction markers or aborted records lie between
 * the position and the last stable offset has no such record.
 *
 * <p>A found timestamp is remembered for as long as it is asked for again (a committed record
 * never changes), so a group that stopped costs no reads; "no record" is remembered only for the
 * same end offset. One thread uses this, as the consumer is not thread-safe.
 */
final class OldestRecords implements LagEngine.Records, AutoCloseable {
    /** A position whose next record is wanted, and the last stable offset it lies below. */
    record Position(TopicPartition partition, long offset, long end) {
        Start start() {
            return new Start(partition, offset);
        }
    }

    private record Start(TopicPartition partition, long offset) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private Map<Start, Long> firstRecordTimes = new HashMap<>();
    private Set<Position> nothingBelowEnd = new HashSet<>();

    OldestRecords(Consumer<byte[], byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /**
     * Per position: the timestamp of the first committed record from it, or empty when there is
     * none below its end. A position whose partition could not be read within the timeout is
     * missing from the answer.
     */
    @Override
    public Map<Position, OptionalLong> timestamps(Set<Position> wanted) {
        Map<Position, OptionalLong> answer = new HashMap<>();
        Set<Position> unknown = new HashSet<>();
        for (Position position : wanted) {
            Long time = firstRecordTimes.get(position.start());
            if (time != null) {
                answer.put(position, OptionalLong.of(time));
            } else if (nothingBelowEnd.contains(position)) {
                answer.put(position, OptionalLong.empty());
            } else {
                unknown.add(position);
            }
        }
        // Two groups can want the same partition at different offsets: one offset per partition and pass.
        while (!unknown.isEmpty()) {
            Map<TopicPartition, Position> pass = new LinkedHashMap<>();
            unknown.forEach(position -> pass.putIfAbsent(position.partition(), position));
            answer.putAll(read(pass));
            unknown.removeAll(pass.values());
        }
        remember(answer);
        return answer;
    }

    /** Keeps only what was asked for this time, so the memory follows the partitions, not the run time. */
    private void remember(Map<Position, OptionalLong> answer) {
        firstRecordTimes = new HashMap<>();
        nothingBelowEnd = new HashSet<>();
        answer.forEach((position, time) -> {
            if (time.isPresent()) {
                firstRecordTimes.put(position.start(), time.getAsLong());
            } else {
                nothingBelowEnd.add(position);
            }
        });
    }

    private Map<Position, OptionalLong> read(Map<TopicPartition, Position> positions) {
        Map<Position, OptionalLong> found = new HashMap<>();
        consumer.assign(positions.keySet());
        try {
            positions.values().forEach(position -> consumer.seek(position.partition(), position.offset()));
            Set<TopicPartition> pending = new HashSet<>(positions.keySet());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (TopicPartition partition : records.partitions()) {
                    if (pending.remove(partition)) {
                        found.put(positions.get(partition), firstBelowEnd(records.records(partition).get(0),
                                positions.get(partition)));
                        consumer.pause(Set.of(partition));
                    }
                }
                pending.removeIf(partition -> reachedEnd(positions.get(partition), deadline, found));
            }
        } finally {
            // Unassigning also forgets pauses and positions, so the next read starts clean.
            consumer.assign(Set.of());
        }
        return found;
    }

    /** A record at or past the end was committed after the end was read: nothing was waiting then. */
    private static OptionalLong firstBelowEnd(ConsumerRecord<byte[], byte[]> first, Position position) {
        return first.offset() < position.end() ? OptionalLong.of(first.timestamp()) : OptionalLong.empty();
    }

    /**
     * True, and "nothing waiting" recorded, when the consumer skipped to the end without a record
     * (only markers or aborted records were there). A position still being reset (it fell below the
     * log start) is simply not there yet.
     */
    private boolean reachedEnd(Position position, long deadline, Map<Position, OptionalLong> found) {
        try {
            long left = Math.max(1, deadline - System.nanoTime());
            if (consumer.position(position.partition(), Duration.ofNanos(left)) >= position.end()) {
                found.put(position, OptionalLong.empty());
                return true;
            }
        } catch (TimeoutException e) {
            // Unknown this time; the partition stays pending until the deadline.
        }
        return false;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(timeout));
    }
}
