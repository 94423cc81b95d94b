package calc.contract;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's JSON: ISO-8601 timestamps, absent fields left out, unknown fields ignored
 * (tolerant reader). Every service reads and writes messages through this mapper.
 */
public final class CalcJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectReader STRICT = MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private CalcJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * The reader for untrusted requests: it also refuses a field given twice, which different
     * readers would take differently (first or last value), so none of them may guess.
     */
    public static ObjectReader strictReader() {
        return STRICT;
    }

    public static byte[] toBytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String toString(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        return MAPPER.readValue(bytes, type);
    }

    /** A Kafka serde for a message record; a record that does not parse fails with a SerializationException. */
    public static <T> Serde<T> serde(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : toBytes(value);
        Deserializer<T> deserializer = new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                if (data == null) {
                    return null;
                }
                try {
                    return fromBytes(data, type);
                } catch (JacksonException e) {
                    throw new SerializationException("not a " + type.getSimpleName() + " on " + topic, e);
                }
            }

            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
