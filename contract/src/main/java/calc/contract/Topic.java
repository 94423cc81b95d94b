package calc.contract;

/**
 * One Kafka topic of the contract with the types of its key and value. Keys are always
 * UTF-8 strings (the requestId, or a dead letter's original key).
 */
public record Topic<V>(String name, int partitions, Class<V> valueType) {
    public Topic {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a topic needs a name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition");
        }
    }
}
