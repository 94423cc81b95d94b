package calc.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * A valid calculation request. Instances are only made from validated input (see
 * {@link RequestParser}), so every field obeys the contract's rules.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalculationRequest(
        String requestId, Operation operation, long a, long b, String batchId, Instant submittedAt) {

    public CalculationRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(operation, "operation");
    }
}
