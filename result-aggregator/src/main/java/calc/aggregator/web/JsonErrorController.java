package calc.aggregator.web;

import calc.contract.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's error page for failures that never reach a controller (rejected by the
 * container or a filter), so that those too answer with the contract's error body.
 */
@RestController
public class JsonErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ErrorBody> error(HttpServletRequest request) {
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                && HttpStatus.resolve(code) != null ? HttpStatus.resolve(code) : HttpStatus.INTERNAL_SERVER_ERROR;
        ErrorCode errorCode = status == HttpStatus.NOT_FOUND ? ErrorCode.NOT_FOUND
                : status.is4xxClientError() ? ErrorCode.INVALID_REQUEST : ErrorCode.UNAVAILABLE;
        return ApiErrors.body(status, errorCode, "the request failed: " + status.getReasonPhrase());
    }
}
