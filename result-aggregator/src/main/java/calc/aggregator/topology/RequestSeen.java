package calc.aggregator.topology;

import calc.contract.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What the aggregator keeps of a request record: enough to say it is pending and to group it
 * by batch. Operands are not kept; results carry them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestSeen(String requestId, String batchId, Operation operation, Instant submittedAt) {
}
