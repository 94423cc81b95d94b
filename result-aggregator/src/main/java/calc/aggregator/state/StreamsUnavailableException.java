package calc.aggregator.state;

import org.apache.kafka.streams.KafkaStreams;

/** Queries are refused while Streams is not RUNNING: its stores may be missing or restoring. */
public class StreamsUnavailableException extends RuntimeException {
    public StreamsUnavailableException(KafkaStreams.State state) {
        super("the aggregator's state is not ready (Kafka Streams is " + state + "); retry shortly");
    }

    public StreamsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
