package calc.aggregator.state;

/**
 * One task's counts over all ids: distinct ids seen (by request or result), distinct ids with a
 * result, and results that arrived for an id already completed.
 */
public record Totals(long requested, long completed, long duplicates) {

    public static Totals zero() {
        return new Totals(0, 0, 0);
    }

    public Totals plus(Totals other) {
        return new Totals(requested + other.requested, completed + other.completed, duplicates + other.duplicates);
    }
}
