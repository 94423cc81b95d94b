package calc.aggregator.query;

import calc.aggregator.SelfAddress;
import calc.aggregator.web.PeerUnavailableException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Calls other aggregator instances. A call carries {@link #FORWARDED}, so that the instance that
 * receives it answers from its own state and never passes it on; one that does not answer within
 * the timeout, or refuses the connection, is unavailable, never waited for longer.
 */
public class Peers {
    /** Marks a call one instance made to another. */
    public static final String FORWARDED = "X-Calc-Forwarded-By";

    private final HttpClient client;
    private final Duration timeout;
    private final SelfAddress self;

    public Peers(Duration timeout, SelfAddress self) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
        this.self = self;
    }

    public HttpResponse<byte[]> get(Instance instance, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(instance.uri(pathAndQuery))
                .timeout(timeout)
                .header(FORWARDED, self.hostAndPort())
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new PeerUnavailableException(instance.toString(), "no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new PeerUnavailableException(instance.toString(), describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(instance.toString(), "interrupted", e);
        }
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
