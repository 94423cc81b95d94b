package calc.producer.publish;

import calc.contract.CalculationRequest;
import calc.contract.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The request JSON exactly as the contract shows it. {@code submittedAt} is always written as
 * RFC 3339 UTC with milliseconds, whatever precision the instant has, so every record looks alike.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"requestId", "operation", "a", "b", "batchId", "submittedAt"})
public record RequestMessage(
        String requestId, Operation operation, long a, long b, String batchId, String submittedAt) {

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static RequestMessage of(CalculationRequest request) {
        return new RequestMessage(request.requestId(), request.operation(), request.a(), request.b(),
                request.batchId(), request.submittedAt() == null ? null : timestamp(request.submittedAt()));
    }

    /** RFC 3339 UTC with milliseconds, e.g. {@code 2026-11-27T09:00:00.000Z}. */
    public static String timestamp(Instant instant) {
        return UTC_MILLIS.format(instant);
    }
}
