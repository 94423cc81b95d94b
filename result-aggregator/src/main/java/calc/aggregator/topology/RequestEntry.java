package calc.aggregator.topology;

import calc.contract.CalculationResult;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The stored state of one request id: the request seen (if any), the first result (if any),
 * the batch it counts in, and when it was first stored (wall clock), which retention uses.
 * The batch is the first one named for the id, by its request or its result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestEntry(RequestSeen request, CalculationResult result, String batchId, long storedAtMs) {

    public static RequestEntry first(Observation observation, long nowMs) {
        RequestEntry empty = new RequestEntry(null, null, null, nowMs);
        return observation.request() != null ? empty.withRequest(observation.request())
                : empty.withResult(observation.result());
    }

    public RequestEntry withRequest(RequestSeen seen) {
        return new RequestEntry(seen, result, batchId != null ? batchId : seen.batchId(), storedAtMs);
    }

    public RequestEntry withResult(CalculationResult first) {
        return new RequestEntry(request, first, batchId != null ? batchId : first.batchId(), storedAtMs);
    }

    @JsonIgnore
    public boolean isCompleted() {
        return result != null;
    }

    public boolean isExpired(long nowMs, long retentionMs) {
        return nowMs - storedAtMs > retentionMs;
    }
}
