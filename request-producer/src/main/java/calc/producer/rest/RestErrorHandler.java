package calc.producer.rest;

import calc.contract.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure of a REST call into the contract's JSON error body; no stack trace leaves the process. */
@RestControllerAdvice
@ConditionalOnWebApplication
class RestErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(RestErrorHandler.class);

    @ExceptionHandler
    ResponseEntity<ErrorBody> rejected(RequestRejectedException e) {
        return ResponseEntity.badRequest().body(new ErrorBody(e.error()));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> publishFailed(PublishFailedException e) {
        log.warn("{}", e.getMessage());
        return body(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> wrongContentType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.INVALID_REQUEST,
                "the body must be JSON (Content-Type: application/json)");
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> notFound(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "no resource at /" + e.getResourcePath());
    }

    /** Spring MVC's own failures (wrong method, unreadable body, ...) keep their status; anything else is a 500. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> other(Exception e) {
        if (e instanceof ErrorResponse response) {
            HttpStatusCode status = response.getStatusCode();
            String detail = response.getBody().getDetail();
            return body(status, status.is4xxClientError() ? ErrorCode.INVALID_REQUEST : ErrorCode.UNAVAILABLE,
                    detail != null ? detail : "the request cannot be served");
        }
        log.error("unexpected failure of a REST call", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.UNAVAILABLE, "internal error; see the service log");
    }

    static ResponseEntity<ErrorBody> body(HttpStatusCode status, ErrorCode code, String message) {
        return ResponseEntity.status(status).body(ErrorBody.of(code, message));
    }
}
