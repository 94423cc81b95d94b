package calc.aggregator.state;

/**
 * A stored value in a format this aggregator does not know, written by a newer release (or
 * damaged): refused rather than read as something it is not.
 */
public class UnreadableStateException extends RuntimeException {
    public UnreadableStateException(String store, int version) {
        super(version < 0
                ? "a value of the store " + store + " is empty, which no release of the aggregator writes"
                : "a value of the store " + store + " has format version " + version + ", which this aggregator "
                        + "cannot read (it reads versions 0 and " + StoreFormat.VERSION
                        + "); it was written by a newer release");
    }
}
