package calc.aggregator.state;

/**
 * Names of the aggregator's state stores. They also name the changelog topics, so renaming one
 * starts that store from empty: treat them as part of the deployed state.
 */
public final class StoreNames {
    /** requestId → {@link RequestEntry}. */
    public static final String ENTRIES = "request-entries";
    /** batchId → this task's {@link BatchAggregate}. */
    public static final String BATCHES = "batch-aggregates";
    /** "service/version" → this task's {@link ServiceAggregate}. */
    public static final String SERVICES = "service-aggregates";
    /** {@link ServiceSecond#key} → this task's {@link ServiceSecond}, for the recent history only. */
    public static final String SERVICE_SECONDS = "service-seconds";
    /** {@link #TOTAL_KEY} → this task's {@link Totals}. */
    public static final String TOTALS = "totals";
    /** {@link #TOTAL_KEY} → dead letters counted by this task. */
    public static final String DEAD_LETTERS = "dead-letter-counts";
    /** The single key of the per-task counter stores. */
    public static final String TOTAL_KEY = "all";

    private StoreNames() {
    }
}
