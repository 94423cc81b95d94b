package calc.producer.load;

import calc.contract.CalculationRequest;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Makes the requests of a load run: ids {@code <batchId>-<n>}, the operation drawn from the
 * mix, both operands uniform in [min, max] (inclusive), submittedAt the time of making.
 */
public final class RequestGenerator {
    private final LoadOptions options;
    private final RandomGenerator random;
    private final Clock clock;

    public RequestGenerator(LoadOptions options, RandomGenerator random, Clock clock) {
        this.options = options;
        this.random = random;
        this.clock = clock;
    }

    /** The n-th request of the run, n from 1. */
    public CalculationRequest next(long n) {
        return new CalculationRequest(options.requestId(n), options.mix().pick(random),
                operand(), operand(), options.batchId(), clock.instant());
    }

    private long operand() {
        long min = options.min();
        long max = options.max();
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        // max + 1 would overflow: draw from [min - 1, max) and shift, or take any long for the full range.
        return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
    }
}
