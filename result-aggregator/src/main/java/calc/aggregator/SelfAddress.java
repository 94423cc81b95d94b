package calc.aggregator;

import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * This instance's REST address as the other instances reach it: {@code calc.aggregator.advertised-url},
 * else 127.0.0.1 and the port the web server listens on, known once it has started (so that
 * {@code server.port=0} works). Kafka Streams starts after the web server and advertises it as
 * its {@code application.server}.
 */
@Component
public class SelfAddress implements ApplicationListener<WebServerInitializedEvent> {
    private final AggregatorProperties aggregator;
    private volatile URI uri;

    public SelfAddress(AggregatorProperties aggregator) {
        this.aggregator = aggregator;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            uri = aggregator.advertisedUri(event.getWebServer().getPort());
        }
    }

    public URI uri() {
        if (uri == null) {
            throw new IllegalStateException("the web server has not started: this instance has no address yet");
        }
        return uri;
    }

    /** As Kafka Streams' application.server: host:port. */
    public String hostAndPort() {
        return uri().getHost() + ":" + uri().getPort();
    }
}
