package calc.contract;

import java.util.Map;

/**
 * One Kafka topic of the contract with the types of its key and value. Keys are always
 * UTF-8 strings (the requestId, or a dead letter's original key). {@code configs} are the topic
 * configurations it is created with.
 */
public record Topic<V>(String name, int partitions, Class<V> valueType, Map<String, String> configs) {
    public Topic(String name, int partitions, Class<V> valueType) {
        this(name, partitions, valueType, Map.of());
    }

    public Topic {
        configs = Map.copyOf(configs);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a topic needs a name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition");
        }
    }
}
