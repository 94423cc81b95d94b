package calc.aggregator.state;

import calc.contract.CalculationResult;
import calc.contract.Operation;
import java.util.Objects;

/**
 * The stored state of one request id: the operation of its request record, if one was seen; the
 * first result, if any; the batch it counts in; and when it was first stored (wall clock), which
 * retention uses. The batch is the first one named for the id, by its request or its result.
 */
public record RequestEntry(String requestId, Operation requested, CalculationResult result, String batchId,
        long storedAtMs) {

    public RequestEntry {
        Objects.requireNonNull(requestId, "requestId");
    }

    public static RequestEntry first(Observation observation, long nowMs) {
        RequestEntry empty = new RequestEntry(observation.requestId(), null, null, null, nowMs);
        return observation.request() != null ? empty.withRequest(observation.request())
                : empty.withResult(observation.result());
    }

    public RequestEntry withRequest(RequestSeen seen) {
        return new RequestEntry(requestId, seen.operation(), result, batchId != null ? batchId : seen.batchId(),
                storedAtMs);
    }

    public RequestEntry withResult(CalculationResult first) {
        return new RequestEntry(requestId, requested, first, batchId != null ? batchId : first.batchId(), storedAtMs);
    }

    public boolean isCompleted() {
        return result != null;
    }

    public boolean isExpired(long nowMs, long retentionMs) {
        return nowMs - storedAtMs > retentionMs;
    }
}
