package calc.contract;

import java.time.Instant;
import java.util.Optional;

/** What a request record turned out to be: a valid request, or a rejection with its reason. */
public sealed interface ParsedRequest {

    /** The requestId the answer is keyed by, when one can be recovered. */
    Optional<String> requestId();

    record Valid(CalculationRequest request) implements ParsedRequest {
        @Override
        public Optional<String> requestId() {
            return Optional.of(request.requestId());
        }
    }

    /**
     * A record that breaks the contract. {@code requestId} is empty when neither the field nor
     * the key holds a usable id: such a record can only become a dead letter.
     */
    record Invalid(Optional<String> requestId, String batchId, Instant submittedAt, CalcError error)
            implements ParsedRequest {
    }
}
