package calc.aggregator.query;

import java.net.URI;
import org.apache.kafka.streams.state.HostInfo;

/** One aggregator instance, named by its {@code application.server}: where its REST API answers. */
public record Instance(String host, int port) {

    static Instance of(HostInfo host) {
        return new Instance(host.host(), host.port());
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://" + host + ":" + port + pathAndQuery);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
