package calc.aggregator.query;

import calc.aggregator.measure.ResultLatency;
import calc.aggregator.state.RequestEntry;
import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer about one request id: the first result exactly as the contract writes it, plus
 * {@code state} COMPLETED and {@code latencyMs}; or, before any result, {@code requestId},
 * {@code state} PENDING and what the request said about batch and operation.
 */
final class ResultView {
    private ResultView() {
    }

    static ObjectNode of(String requestId, RequestEntry entry) {
        return entry.isCompleted() ? completed(entry.result()) : pending(requestId, entry);
    }

    private static ObjectNode completed(CalculationResult result) {
        ObjectNode view = CalcJson.mapper().valueToTree(result);
        view.put("state", "COMPLETED");
        ResultLatency.millis(result).ifPresent(latency -> view.put("latencyMs", latency));
        return view;
    }

    private static ObjectNode pending(String requestId, RequestEntry entry) {
        ObjectNode view = CalcJson.mapper().createObjectNode();
        view.put("requestId", requestId);
        view.put("state", "PENDING");
        if (entry.batchId() != null) {
            view.put("batchId", entry.batchId());
        }
        if (entry.requested() != null) {
            view.put("operation", entry.requested().wireName());
        }
        return view;
    }
}
