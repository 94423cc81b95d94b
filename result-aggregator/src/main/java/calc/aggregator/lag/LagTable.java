package calc.aggregator.lag;

import calc.aggregator.lag.GroupLag.Member;
import calc.aggregator.lag.GroupLag.PartitionRef;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders a lag snapshot as plain text for a terminal: per group its members, then its partitions. */
final class LagTable {
    /** The owner column is as wide as the group's longest member name. */
    private static final String ROW = "  %%-24s %%4s  %%-%ds %%-7s %%-9s %%11s %%11s %%8s %%8s  %%s%%n";

    private LagTable() {
    }

    static String render(LagSnapshot snapshot) {
        if (snapshot.refreshedAt() == null) {
            return "Consumer group lag: not read yet (the first refresh is under way).\n";
        }
        StringBuilder text = new StringBuilder();
        text.append("Consumer group lag at ").append(snapshot.refreshedAt()).append('\n');
        for (GroupLag group : snapshot.groups()) {
            text.append(String.format(Locale.ROOT, "%n%s  %s, protocol %s, status %s, lag %d records, oldest %s%n",
                    group.group(), group.state(), group.protocol(), group.status(), group.totals().lag(),
                    seconds(group.totals().lagSeconds())));
            if (group.members().isEmpty()) {
                text.append("  no members\n");
            }
            for (Member member : group.members()) {
                text.append(String.format(Locale.ROOT, "  member %s  %s  partitions %s%n", member.instance(),
                        dash(member.version()), partitions(member.partitions())));
            }
            String row = String.format(Locale.ROOT, ROW, group.partitions().stream()
                    .mapToInt(partition -> dash(partition.owner()).length()).reduce(5, Math::max));
            if (!group.partitions().isEmpty()) {
                text.append(String.format(Locale.ROOT, row, "topic", "part", "owner", "version", "from", "committed", "end",
                        "lag", "lag s", "status"));
            }
            for (PartitionLag partition : group.partitions()) {
                text.append(String.format(Locale.ROOT, row, partition.topic(), partition.partition(),
                        dash(partition.owner()), dash(partition.ownerVersion()), partition.position().jsonName(),
                        dash(partition.committedOffset()), partition.endOffset(), partition.lag(),
                        partition.lagSeconds() == null ? "-" : String.format(Locale.ROOT, "%.1f", partition.lagSeconds()),
                        partition.status()));
            }
        }
        return text.toString();
    }

    private static String partitions(List<PartitionRef> partitions) {
        return partitions.stream()
                .collect(Collectors.groupingBy(PartitionRef::topic, TreeMap::new,
                        Collectors.mapping(ref -> Integer.toString(ref.partition()), Collectors.joining(","))))
                .entrySet().stream()
                .map(entry -> entry.getKey() + "[" + entry.getValue() + "]")
                .collect(Collectors.joining(" "));
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static String dash(Object value) {
        return Objects.toString(value, "-");
    }
}
