package calc.aggregator.lag;

/**
 * How a partition's consumption goes over the status window, in the spirit of Burrow's rules;
 * declared from best to worst, so a group's status is its partitions' highest.
 */
public enum LagStatus {
    /** Caught up, or consuming without the lag growing throughout the window. */
    OK,
    /** Consuming, but the lag grew at every refresh of a full window. */
    WARN,
    /** The committed offset went backwards within the window (a reset or a replay). */
    REWIND,
    /** A member holds the partition, lag is above 0, and the committed offset has not moved for a full window. */
    STALLED,
    /**
     * Lag is above 0 and either no member holds the partition and its committed offset has not
     * moved for a full window, or it has not moved for longer than the stopped-after threshold.
     */
    STOPPED;

    public static LagStatus worst(LagStatus a, LagStatus b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
