package calc.aggregator.state;

import calc.contract.CalculationResult;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One thing learnt about a request id: either its request was seen or a result for it arrived. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Observation(RequestSeen request, CalculationResult result) {

    public Observation {
        if ((request == null) == (result == null)) {
            throw new IllegalArgumentException("an observation is a request or a result");
        }
    }

    public static Observation of(RequestSeen request) {
        return new Observation(request, null);
    }

    public static Observation of(CalculationResult result) {
        return new Observation(null, result);
    }

    /** The id the observation is stored under. */
    @JsonIgnore
    public String requestId() {
        return request != null ? request.requestId() : result.requestId();
    }
}
