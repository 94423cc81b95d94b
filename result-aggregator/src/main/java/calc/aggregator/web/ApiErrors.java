package calc.aggregator.web;

import calc.aggregator.streams.StreamsUnavailableException;
import calc.contract.ErrorCode;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure of a REST call to the contract's error body; no stack trace leaves the
 * process (unexpected failures are logged here instead).
 */
@RestControllerAdvice
public class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ErrorBody> notFound(NotFoundException e) {
        return body(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorBody> noSuchPath(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "no resource at /" + e.getResourcePath());
    }

    @ExceptionHandler(InvalidIdException.class)
    ResponseEntity<ErrorBody> invalidId(InvalidIdException e) {
        return body(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST, e.getMessage());
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ErrorBody> invalidParameter(InvalidParameterException e) {
        return body(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST, e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException e) {
        return body(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST,
                "the query parameter " + e.getParameterName() + " is required");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, ErrorCode.INVALID_REQUEST,
                "method " + e.getMethod() + " is not supported here");
    }

    @ExceptionHandler({StreamsUnavailableException.class, InvalidStateStoreException.class})
    ResponseEntity<ErrorBody> unavailable(RuntimeException e) {
        return body(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        log.error("A REST call failed unexpectedly", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.UNAVAILABLE,
                "the aggregator failed to answer; see its log");
    }

    static ResponseEntity<ErrorBody> body(HttpStatus status, ErrorCode code, String message) {
        return ResponseEntity.status(status).body(ErrorBody.of(code, message));
    }
}
