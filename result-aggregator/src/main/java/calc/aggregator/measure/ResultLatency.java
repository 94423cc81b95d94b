package calc.aggregator.measure;

import calc.contract.CalculationResult;
import java.time.Duration;
import java.util.OptionalLong;

/** The latency of a result is completedAt − submittedAt, both as the result carries them. */
public final class ResultLatency {
    private ResultLatency() {
    }

    /** Empty when the result lacks one of the two times. */
    public static OptionalLong millis(CalculationResult result) {
        if (result.submittedAt() == null || result.completedAt() == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Duration.between(result.submittedAt(), result.completedAt()).toMillis());
    }
}
