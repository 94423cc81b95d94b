package calc.aggregator.lag;

/**
 * One partition of a group at one refresh. {@code position} tells where lag counts from and
 * {@code positionOffset} is that offset: the committed offset, or, while the group has committed
 * nothing for the partition ({@code committedOffset} null), the log start offset ({@code earliest})
 * or the last stable offset ({@code latest}), as its offset reset would place a new member.
 * {@code endOffset} is the last stable offset, so records of open or aborted transactions and
 * transaction markers never count as lag; {@code lag} is 0 when no committed record lies between
 * the position and that end. {@code lagSeconds} is the age of the oldest unconsumed record (read
 * from the partition), 0 when caught up, null when that record could not be read in time.
 * {@code owner} and {@code ownerVersion} name the member holding the partition, if any.
 */
public record PartitionLag(String topic, int partition, Long committedOffset, LagPosition position,
        long positionOffset, long endOffset, long lag, Double lagSeconds, LagStatus status, String owner,
        String ownerVersion) {
}
