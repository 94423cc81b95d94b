package calc.aggregator.state;

import calc.contract.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the aggregator keeps of a request record: enough to say it is pending and to group it by
 * batch. Operands are not kept; results carry them. {@code operation} is that of the topic the
 * request came from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestSeen(String requestId, String batchId, Operation operation) {
}
