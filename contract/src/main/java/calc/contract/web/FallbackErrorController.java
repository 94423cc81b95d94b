package calc.contract.web;

import calc.contract.ErrorBody;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page for failures that happen outside a controller (a filter, the
 * servlet container's sendError), so that those bodies follow the contract too.
 */
@RestController
public class FallbackErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ErrorBody> error(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            // Asked for by its path, not forwarded by the container: there is no error to report.
            return ErrorResponses.of(HttpStatus.NOT_FOUND, ErrorBody.codeFor(404), "no resource at " + request.getRequestURI());
        }
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        return ErrorResponses.of(status, ErrorBody.codeFor(status.value()), status.getReasonPhrase());
    }

    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status != null && status.isError() ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
