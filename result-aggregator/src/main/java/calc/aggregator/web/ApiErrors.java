package calc.aggregator.web;

import calc.aggregator.state.StreamsUnavailableException;
import calc.aggregator.state.UnreadableStateException;
import calc.contract.ErrorBody;
import calc.contract.ErrorCode;
import calc.contract.web.ErrorResponses;
import calc.contract.web.FrameworkErrorAdvice;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The aggregator's own failures as the contract's error body: unknown ids, ids and parameters
 * that break the rules, state that is not queryable right now (here or on another instance), state
 * this release cannot read. Ordered before the shared
 * {@link FrameworkErrorAdvice}, which answers Spring's own failures and anything unexpected.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiErrors {

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ErrorBody> notFound(NotFoundException e) {
        return ErrorResponses.of(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({InvalidIdException.class, InvalidParameterException.class})
    ResponseEntity<ErrorBody> invalid(RuntimeException e) {
        return ErrorResponses.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST, e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException e) {
        return ErrorResponses.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST,
                "the query parameter " + e.getParameterName() + " is required");
    }

    @ExceptionHandler({StreamsUnavailableException.class, InvalidStateStoreException.class,
            IncompleteAnswerException.class, PeerUnavailableException.class})
    ResponseEntity<ErrorBody> unavailable(RuntimeException e) {
        return ErrorResponses.of(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.UNAVAILABLE, e.getMessage());
    }

    /** State this release cannot read is not a passing condition: an operator must act (see the message). */
    @ExceptionHandler(UnreadableStateException.class)
    ResponseEntity<ErrorBody> unreadable(UnreadableStateException e) {
        return ErrorResponses.of(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.UNAVAILABLE, e.getMessage());
    }
}
