package calc.aggregator.topology;

import calc.aggregator.measure.LatencyHistogram;
import calc.aggregator.measure.RateRing;
import calc.aggregator.measure.ReferenceArithmetic;
import calc.aggregator.measure.ResultLatency;
import calc.contract.CalculationResult;

/**
 * One task's share of what a (service, version) answered: first results only (duplicates are
 * counted apart), their outcomes, mismatches against the reference arithmetic, latencies and
 * completions per second of completedAt.
 */
public record ServiceAggregate(
        String service, String version, long requests, long ok, long errors, long mismatches,
        LatencyHistogram latency, RateRing completions) {

    public static ServiceAggregate empty(String service, String version) {
        return new ServiceAggregate(service, version, 0, 0, 0, 0, LatencyHistogram.empty(), RateRing.empty());
    }

    public ServiceAggregate with(CalculationResult result) {
        LatencyHistogram nextLatency = ResultLatency.millis(result).stream()
                .mapToObj(latency::record).findFirst().orElse(latency);
        RateRing nextCompletions = result.completedAt() == null ? completions : completions.record(result.completedAt());
        return new ServiceAggregate(service, version, requests + 1, ok + (result.isOk() ? 1 : 0),
                errors + (result.isOk() ? 0 : 1), mismatches + (ReferenceArithmetic.isMismatch(result) ? 1 : 0),
                nextLatency, nextCompletions);
    }

    public ServiceAggregate merge(ServiceAggregate other) {
        return new ServiceAggregate(service, version, requests + other.requests, ok + other.ok,
                errors + other.errors, mismatches + other.mismatches, latency.merge(other.latency),
                completions.merge(other.completions));
    }
}
