package calc.contract.web;

import calc.contract.ErrorBody;
import calc.contract.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Builds REST error responses. The body is always JSON, whatever the request's Accept header
 * asked for: with the content type preset, Spring skips content negotiation, so answering a
 * 406 (or a client that accepts only text/html) can never fail a second time.
 */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static ResponseEntity<ErrorBody> of(HttpStatusCode status, ErrorCode code, String message) {
        return of(status, HttpHeaders.EMPTY, code, message);
    }

    /** With the headers a status needs, such as {@code Allow} for 405 or {@code Accept} for 415. */
    public static ResponseEntity<ErrorBody> of(HttpStatusCode status, HttpHeaders headers, ErrorCode code,
            String message) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.of(code, message));
    }
}
