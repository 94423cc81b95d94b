package calc.aggregator.events;

import java.time.Instant;

/**
 * Something an operator wants to see on the dashboard's timeline: a member joining or leaving a
 * group (with the version it runs), or a rollout verdict. {@code instance} and {@code version}
 * are null where they do not apply.
 */
public record Event(Instant at, String group, Kind kind, String instance, String version, String detail) {

    public enum Kind { JOINED, LEFT, VERDICT }
}
