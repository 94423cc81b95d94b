package calc.contract.web;

import calc.contract.ErrorBody;
import calc.contract.ErrorCode;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The last word on every failure of a calc REST call that no service-specific handler took.
 * Spring MVC's own failures (unknown path, wrong method, unsupported or unacceptable media type,
 * unreadable body, missing or malformed parameter) keep their status, headers and Spring's
 * explanation; anything else is a 500 whose details stay in this process's log. A service's own
 * advice must be ordered before this one (any {@code @Order} below {@link #ORDER}), or it would
 * never be asked.
 */
@RestControllerAdvice
@Order(FrameworkErrorAdvice.ORDER)
public class FrameworkErrorAdvice {
    /** Last among all advices, since {@link #unexpected} takes every exception. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE;

    private static final Logger log = LoggerFactory.getLogger(FrameworkErrorAdvice.class);

    @ExceptionHandler
    ResponseEntity<ErrorBody> noSuchPath(NoResourceFoundException e) {
        return ErrorResponses.of(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "no resource at /" + e.getResourcePath());
    }

    /** Spring's own 400s that are not {@link ErrorResponse}s, so {@link #unexpected} would make them 500s. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> wrongType(TypeMismatchException e) {
        String name = e.getPropertyName() != null ? e.getPropertyName() : "a parameter";
        String type = e.getRequiredType() != null ? e.getRequiredType().getSimpleName() : "the expected type";
        return ErrorResponses.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST,
                "the value of " + name + " is not a valid " + type);
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        return ErrorResponses.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST, "the request body cannot be read");
    }

    /** Tomcat refuses a query string it cannot decode (bad percent-encoding, too many parameters) when it is read. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> badQueryString(InvalidParameterException e) {
        return ErrorResponses.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST, "the query string cannot be decoded");
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        if (e instanceof ErrorResponse framework) {
            return framework(framework, e);
        }
        log.error("A REST call failed unexpectedly", e);
        return ErrorResponses.of(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.UNAVAILABLE,
                "internal error; see the service log");
    }

    private static ResponseEntity<ErrorBody> framework(ErrorResponse response, Exception e) {
        HttpStatusCode status = response.getStatusCode();
        if (status.is5xxServerError()) {
            log.error("A REST call failed in Spring MVC", e);
        }
        String detail = response.getBody().getDetail();
        return ErrorResponses.of(status, response.getHeaders(), ErrorBody.codeFor(status.value()),
                detail != null ? detail : "the request cannot be served");
    }
}
