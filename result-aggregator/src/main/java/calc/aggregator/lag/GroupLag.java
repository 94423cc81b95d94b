package calc.aggregator.lag;

import java.util.List;

/**
 * One consumer group at one refresh: Kafka's state and protocol of the group, its members, its
 * partitions' lag, their sum and worst age, and the group's status (its worst partition's).
 */
public record GroupLag(String group, String state, String protocol, LagStatus status, Totals totals,
        List<Member> members, List<PartitionLag> partitions) {

    public GroupLag {
        members = List.copyOf(members);
        partitions = List.copyOf(partitions);
    }

    /** Records not yet consumed over the group's partitions, and the age of the oldest of them. */
    public record Totals(long lag, double lagSeconds, int partitions) {
    }

    /**
     * A member as the group coordinator sees it; instance and version come from its client.id
     * ({@link calc.contract.MemberName}), version null when the client.id does not carry one.
     */
    public record Member(String instance, String version, String clientId, String host, List<PartitionRef> partitions) {
        public Member {
            partitions = List.copyOf(partitions);
        }
    }

    public record PartitionRef(String topic, int partition) {
    }
}
