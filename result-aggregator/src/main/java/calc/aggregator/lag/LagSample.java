package calc.aggregator.lag;

import java.time.Instant;

/** A consumer group's total lag (records not yet committed, over its partitions) at one moment. */
public record LagSample(Instant at, long totalLag) {
}
