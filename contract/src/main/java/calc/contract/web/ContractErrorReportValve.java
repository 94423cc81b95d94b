package calc.contract.web;

import calc.contract.CalcJson;
import calc.contract.ErrorBody;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's last word on errors it meets before Spring sees the request (a malformed URL, a bad
 * header): the contract's JSON error body instead of Tomcat's HTML page.
 */
public final class ContractErrorReportValve extends ErrorReportValve {
    private static final Logger log = LoggerFactory.getLogger(ContractErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // Same guard as Tomcat's own valve: only unanswered errors, and only once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String reason = StringManager.getManager(ErrorReportValve.class).getString("http." + status + ".reason");
        ErrorBody body = ErrorBody.of(ErrorBody.codeFor(status), reason != null ? reason : "HTTP " + status);
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(CalcJson.toString(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response already committed: nobody is left to read a body.
            log.debug("cannot write the error body of a {} response", status, e);
        }
    }
}
