package calc.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The arithmetic operations of the contract, each with the wire name used in request JSON. */
public enum Operation {
    MULTIPLY("multiply", "multiply-worker"),
    ADD("add", "add-worker");

    private final String wireName;
    private final String service;

    Operation(String wireName, String service) {
        this.wireName = wireName;
        this.service = service;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The worker service (and its default consumer group) that answers this operation. */
    public String service() {
        return service;
    }

    public static Optional<Operation> fromWireName(String name) {
        return Arrays.stream(values()).filter(op -> op.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static Operation fromJson(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown operation " + name));
    }
}
