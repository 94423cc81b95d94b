package calc.producer.rest;

import calc.contract.ErrorBody;
import calc.contract.ErrorCode;
import calc.contract.web.ErrorResponses;
import calc.contract.web.FrameworkErrorAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The producer's own failures as the contract's JSON error body: a body that breaks the request
 * rules or is too large, Kafka not acknowledging in time, too many requests waiting for Kafka, a
 * body not declared as JSON. Ordered before the shared
 * {@link FrameworkErrorAdvice}, which answers everything else.
 */
@RestControllerAdvice
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE)
class RestErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(RestErrorHandler.class);

    @ExceptionHandler
    ResponseEntity<ErrorBody> rejected(RequestRejectedException e) {
        return ErrorResponses.of(HttpStatus.BAD_REQUEST, e.error().code(), e.error().message());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> publishFailed(PublishFailedException e) {
        log.warn("{}: {}", e.getMessage(), String.valueOf(e.getCause()));
        return ErrorResponses.of(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> missingToken(MissingTokenException e) {
        return ErrorResponses.of(HttpStatus.UNAUTHORIZED, header(HttpHeaders.WWW_AUTHENTICATE, "Bearer"),
                ErrorCode.INVALID_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> tooLarge(BodyTooLargeException e) {
        return ErrorResponses.of(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.INVALID_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> tooManyPending(TooManyPendingException e) {
        return ErrorResponses.of(HttpStatus.TOO_MANY_REQUESTS, header(HttpHeaders.RETRY_AFTER, "1"),
                ErrorCode.UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> wrongContentType(HttpMediaTypeNotSupportedException e) {
        return ErrorResponses.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getHeaders(), ErrorCode.INVALID_REQUEST,
                "the body must be JSON (Content-Type: application/json)");
    }

    private static HttpHeaders header(String name, String value) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(name, value);
        return headers;
    }
}
