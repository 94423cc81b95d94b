package calc.producer.load;

import calc.contract.Operation;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Relative weights of the operations in generated load, e.g. {@code multiply:3,add:1}. An
 * operation left out has weight 0; at least one weight must be positive.
 */
public record OperationMix(Map<Operation, Integer> weights) {

    public OperationMix {
        weights = Collections.unmodifiableMap(new EnumMap<>(weights));
        if (weights.values().stream().anyMatch(w -> w < 0)) {
            throw new IllegalArgumentException("weights must not be negative");
        }
        if (total(weights) <= 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
    }

    public static OperationMix parse(String text) throws InvalidOptionsException {
        Map<Operation, Integer> weights = new EnumMap<>(Operation.class);
        for (String part : text.split(",", -1)) {
            String[] pair = part.trim().split(":", -1);
            if (pair.length != 2) {
                throw new InvalidOptionsException("--mix wants operation:weight pairs separated by commas, got '" + text + "'");
            }
            Operation operation = Operation.fromWireName(pair[0].trim()).orElseThrow(() -> new InvalidOptionsException(
                    "--mix names unknown operation '" + pair[0].trim() + "' (multiply, add)"));
            if (weights.put(operation, weight(pair[1].trim())) != null) {
                throw new InvalidOptionsException("--mix names " + operation.wireName() + " twice");
            }
        }
        if (total(weights) <= 0) {
            throw new InvalidOptionsException("--mix needs at least one positive weight, got '" + text + "'");
        }
        return new OperationMix(weights);
    }

    /** Draws an operation with probability proportional to its weight. */
    public Operation pick(RandomGenerator random) {
        long ticket = random.nextLong(total(weights));
        for (Map.Entry<Operation, Integer> entry : weights.entrySet()) {
            ticket -= entry.getValue();
            if (ticket < 0) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("weights " + weights + " do not cover ticket");
    }

    @Override
    public String toString() {
        return weights.entrySet().stream()
                .map(e -> e.getKey().wireName() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static int weight(String text) throws InvalidOptionsException {
        try {
            int weight = Integer.parseInt(text);
            if (weight >= 0) {
                return weight;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new InvalidOptionsException("--mix weights must be integers >= 0, got '" + text + "'");
    }

    private static long total(Map<Operation, Integer> weights) {
        return weights.values().stream().mapToLong(Integer::longValue).sum();
    }
}
