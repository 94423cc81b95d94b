package calc.aggregator.events;

import calc.aggregator.lag.GroupLag;
import calc.aggregator.lag.GroupLag.Member;
import calc.aggregator.lag.LagListener;
import calc.aggregator.lag.LagSnapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns consecutive lag snapshots into JOINED and LEFT events: a member is its instance and
 * version, so a member that rejoins under a new member id is no event, and the members found by
 * the first snapshot are the starting point, not arrivals.
 */
public final class MembershipWatcher implements LagListener {
    private final EventLog log;
    private Map<String, Map<String, Member>> membersByGroup;

    public MembershipWatcher(EventLog log) {
        this.log = log;
    }

    @Override
    public void accept(LagSnapshot snapshot) {
        Map<String, Map<String, Member>> now = new HashMap<>();
        for (GroupLag group : snapshot.groups()) {
            Map<String, Member> members = new HashMap<>();
            group.members().forEach(member -> members.put(member.instance() + "@" + member.version(), member));
            now.put(group.group(), members);
            if (membersByGroup != null) {
                compare(snapshot, group.group(), membersByGroup.getOrDefault(group.group(), Map.of()), members);
            }
        }
        membersByGroup = now;
    }

    private void compare(LagSnapshot snapshot, String group, Map<String, Member> before, Map<String, Member> after) {
        after.forEach((key, member) -> {
            if (!before.containsKey(key)) {
                log.add(new Event(snapshot.refreshedAt(), group, Event.Kind.JOINED, member.instance(),
                        member.version(), "holds " + member.partitions().size() + " partitions"));
            }
        });
        before.forEach((key, member) -> {
            if (!after.containsKey(key)) {
                log.add(new Event(snapshot.refreshedAt(), group, Event.Kind.LEFT, member.instance(),
                        member.version(), ""));
            }
        });
    }
}
