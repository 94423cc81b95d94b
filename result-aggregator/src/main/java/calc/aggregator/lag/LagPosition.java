package calc.aggregator.lag;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a group resumes reading a partition, and so where its lag counts from: its committed
 * offset, or, while it has committed nothing for the partition, where its offset reset puts a new
 * member ({@link LagProperties#offsetReset()}).
 */
public enum LagPosition {
    /** The group's committed offset. */
    COMMITTED,
    /** No committed offset and the offset reset {@code earliest}: the partition's log start offset. */
    EARLIEST,
    /** No committed offset and the offset reset {@code latest}: the last stable offset, so nothing is behind. */
    LATEST;

    /** As Kafka spells the offset reset: {@code committed}, {@code earliest}, {@code latest}. */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
