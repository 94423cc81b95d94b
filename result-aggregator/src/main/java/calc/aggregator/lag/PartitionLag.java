package calc.aggregator.lag;

/**
 * One partition of a group at one refresh. {@code endOffset} is the last stable offset, so
 * records of open or aborted transactions and transaction markers never count as lag;
 * {@code lag} is 0 when no committed record lies between the committed offset and that end.
 * {@code lagSeconds} is the age of the oldest unconsumed record (read from the partition), 0 when
 * caught up. {@code committedOffset} and {@code lag} are null while the group has committed
 * nothing for the partition; {@code lagSeconds} is also null when the record could not be read
 * in time. {@code owner} and {@code ownerVersion} name the member holding the partition, if any.
 */
public record PartitionLag(String topic, int partition, Long committedOffset, long endOffset, Long lag,
        Double lagSeconds, LagStatus status, String owner, String ownerVersion) {
}
