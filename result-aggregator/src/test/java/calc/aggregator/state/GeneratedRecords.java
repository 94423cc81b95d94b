package calc.aggregator.state;

import calc.contract.CalcError;
import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.CalculationResult.Status;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.contract.WorkerIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Request and result records as any client might write them: the contract's form with its
 * fields in any order, extra fields, other value types, escapes and other timestamp forms, and
 * then broken on purpose (cut short, a byte changed, a field doubled, text after the object).
 * Seeded: a failure names its seed and can be replayed.
 */
final class GeneratedRecords {
    private static final String[] IDS = {"r-1", "r.2", "R:3", "a-b_c", "x".repeat(128), "x".repeat(129), "", "bad id",
            "r/4", "r-é", "r-\\u0041"};
    private static final String[] TIMES = {"2026-11-27T09:00:00Z", "2026-11-27T09:00:00.004Z",
            "2026-11-27T09:00:00.123456789Z", "2026-11-27T09:00:00.1Z", "2026-02-30T09:00:00Z", "2026-11-27T24:00:00Z",
            "2026-11-27T09:00:00+01:00", "2026-11-27 09:00:00Z", "2026-11-27T09:00:60Z", "1970-01-01T00:00:00Z",
            "not a time", "2026-11-27T09:00:00.Z", "2026-11-27T09:00:00.1234567890Z", "+10000-01-01T00:00:00Z"};

    private final Random random;

    GeneratedRecords(long seed) {
        this.random = new Random(seed);
    }

    /** A record key: usually an id, sometimes none or another. */
    String key(String id) {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> pick(IDS);
            default -> id;
        };
    }

    String id() {
        return random.nextInt(4) == 0 ? pick(IDS) : "r-" + random.nextInt(1_000_000);
    }

    /** Half of them in the contract's form (some then broken), half in any form. */
    byte[] request(String id) {
        if (random.nextBoolean()) {
            return broken("{\"requestId\":\"" + id + "\",\"operation\":\"multiply\",\"a\":" + random.nextLong()
                    + ",\"b\":" + random.nextInt() + (random.nextBoolean() ? "" : ",\"batchId\":\"b-" + random.nextInt(9) + "\"")
                    + ",\"submittedAt\":\"" + recordTime() + "\"}");
        }
        List<String> fields = new ArrayList<>();
        fields.add(field("requestId", stringOr(id)));
        fields.add(field("operation", stringOr(random.nextBoolean() ? "multiply" : "add")));
        fields.add(field("a", number()));
        fields.add(field("b", number()));
        if (random.nextBoolean()) {
            fields.add(field("batchId", stringOr(pick(IDS))));
        }
        if (random.nextBoolean()) {
            fields.add(field("submittedAt", stringOr(pick(TIMES))));
        }
        return broken(object(fields));
    }

    /** Half of them as the workers write results (some then broken), half in any form. */
    byte[] result(String id) {
        if (random.nextBoolean()) {
            return broken(new String(CalcJson.toBytes(workersResult(id)), StandardCharsets.UTF_8));
        }
        List<String> fields = new ArrayList<>();
        boolean ok = random.nextInt(5) != 0;
        fields.add(field("requestId", stringOr(id)));
        if (random.nextBoolean()) {
            fields.add(field("batchId", stringOr(pick(IDS))));
        }
        fields.add(field("operation", stringOr(pick(new String[] {"multiply", "add", "MULTIPLY", "divide"}))));
        fields.add(field("a", number()));
        fields.add(field("b", number()));
        fields.add(field("status", stringOr(ok ? "OK" : random.nextInt(8) == 0 ? "FAILED" : "ERROR")));
        if (ok || random.nextInt(10) == 0) {
            fields.add(field("result", number()));
        }
        if (!ok || random.nextInt(10) == 0) {
            fields.add(field("error", random.nextInt(12) == 0 ? number() : object(errorFields())));
        }
        if (random.nextInt(12) != 0) {
            fields.add(field("worker", random.nextInt(15) == 0 ? "null" : object(workerFields())));
        }
        fields.add(field("submittedAt", stringOr(pick(TIMES))));
        fields.add(field("completedAt", stringOr(pick(TIMES))));
        return broken(object(fields));
    }

    private CalculationResult workersResult(String id) {
        boolean ok = random.nextInt(5) != 0;
        Operation operation = random.nextBoolean() ? Operation.MULTIPLY : Operation.ADD;
        Instant submitted = recordTime();
        return new CalculationResult(id, random.nextBoolean() ? null : "batch-" + random.nextInt(9), operation,
                random.nextLong(), (long) random.nextInt(), ok ? Status.OK : Status.ERROR, ok ? random.nextLong() : null,
                ok ? null : new CalcError(ErrorCode.OVERFLOW, "overflows 64 bits"),
                new WorkerIdentity(operation.service(), "v" + random.nextInt(3), operation.service() + "-1"),
                submitted, submitted.plusNanos(random.nextInt(1_000_000_000)));
    }

    private List<String> errorFields() {
        List<String> fields = new ArrayList<>();
        fields.add(field("code", stringOr(pick(new String[] {"OVERFLOW", "INVALID_REQUEST", "BUDGET_EXCEEDED", "nope"}))));
        if (random.nextInt(10) != 0) {
            fields.add(field("message", stringOr("6 * 9223372036854775807 overflows 64 bits")));
        }
        return fields;
    }

    private List<String> workerFields() {
        List<String> fields = new ArrayList<>();
        fields.add(field("service", stringOr("multiply-worker")));
        fields.add(field("version", stringOr("v" + random.nextInt(3))));
        if (random.nextInt(10) != 0) {
            fields.add(field("instance", stringOr("multiply-worker-" + random.nextInt(4))));
        }
        return fields;
    }

    /** Mostly the string; sometimes another JSON type, null, or an escaped form of the same text. */
    private String stringOr(String text) {
        return switch (random.nextInt(24)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextInt(100));
            case 2 -> "true";
            case 3 -> "{\"v\":\"" + text + "\"}";
            case 4 -> "[\"" + text + "\"]";
            case 5 -> text.isEmpty() ? "\"\"" : "\"\\u" + String.format("%04x", (int) text.charAt(0)) + text.substring(1) + "\"";
            default -> "\"" + text + "\"";
        };
    }

    private String number() {
        return switch (random.nextInt(16)) {
            case 0 -> "1.5";
            case 1 -> "1e3";
            case 2 -> "9223372036854775808";
            case 3 -> "-9223372036854775808";
            case 4 -> "\"7\"";
            case 5 -> "null";
            case 6 -> "1".repeat(random.nextInt(50) == 0 ? 990 + random.nextInt(20) : 1 + random.nextInt(25));
            case 7 -> "-0";
            default -> String.valueOf(random.nextLong() % (random.nextBoolean() ? 1000 : Long.MAX_VALUE));
        };
    }

    private String field(String name, String value) {
        return "\"" + name + "\"" + space() + ":" + space() + value;
    }

    private String object(List<String> fields) {
        List<String> all = new ArrayList<>(fields);
        if (random.nextInt(4) == 0) {
            all.add(random.nextInt(all.size() + 1), field("extra" + random.nextInt(3),
                    random.nextBoolean() ? "{\"nested\":[1,2,{\"x\":null}]}" : "\"more\""));
        }
        if (random.nextInt(3) == 0) {
            java.util.Collections.shuffle(all, random);
        }
        return "{" + space() + String.join("," + space(), all) + space() + "}";
    }

    private String space() {
        return random.nextInt(5) == 0 ? " \n\t".substring(0, 1 + random.nextInt(3)) : "";
    }

    /** Most records stay whole; the others break in one of the ways a hostile or careless client would. */
    private byte[] broken(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(20)) {
            case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1 -> {
                byte[] changed = bytes.clone();
                changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
                yield changed;
            }
            case 2 -> (json.substring(0, json.length() - 1) + ",\"requestId\":\"dup-" + random.nextInt(9) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 3 -> (json + (random.nextBoolean() ? " {}" : "x")).getBytes(StandardCharsets.UTF_8);
            case 4 -> ("[" + json + "]").getBytes(StandardCharsets.UTF_8);
            case 5 -> random.nextBoolean() ? new byte[0] : "\"just a string\"".getBytes(StandardCharsets.UTF_8);
            case 6 -> (json.substring(0, json.length() - 1) + ",\"batchId\":\"dup\"}").getBytes(StandardCharsets.UTF_8);
            default -> bytes;
        };
    }

    Instant recordTime() {
        return Instant.ofEpochMilli(1_796_000_000_000L + random.nextInt(1_000_000));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
