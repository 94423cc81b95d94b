package calc.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * The answer to one request record: {@code OK} with a {@code result}, or {@code ERROR} with an
 * {@code error}. Fields the request did not validly carry (operation, a, b) are absent on errors.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalculationResult(
        String requestId,
        String batchId,
        Operation operation,
        Long a,
        Long b,
        Status status,
        Long result,
        CalcError error,
        WorkerIdentity worker,
        Instant submittedAt,
        Instant completedAt) {

    public enum Status { OK, ERROR }

    public CalculationResult {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(status, "status");
        if ((status == Status.OK) != (result != null) || (status == Status.ERROR) != (error != null)) {
            throw new IllegalArgumentException("OK carries a result, ERROR carries an error");
        }
    }

    public static CalculationResult ok(
            CalculationRequest request, long result, WorkerIdentity worker, Instant completedAt) {
        return new CalculationResult(request.requestId(), request.batchId(), request.operation(),
                request.a(), request.b(), Status.OK, result, null, worker, request.submittedAt(), completedAt);
    }

    public static CalculationResult failed(
            CalculationRequest request, CalcError error, WorkerIdentity worker, Instant completedAt) {
        return new CalculationResult(request.requestId(), request.batchId(), request.operation(),
                request.a(), request.b(), Status.ERROR, null, error, worker, request.submittedAt(), completedAt);
    }

    @JsonIgnore
    public boolean isOk() {
        return status == Status.OK;
    }
}
