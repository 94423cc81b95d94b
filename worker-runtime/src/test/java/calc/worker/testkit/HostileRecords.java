package calc.worker.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Request records of every shape a careless or hostile client could publish, generated from a
 * seed so that a failure can be replayed: random bytes, truncated and deeply nested JSON, huge
 * and fractional numbers, strings, nulls, duplicate fields, invalid UTF-8, values near a
 * megabyte, the wrong operation, a key that is not the requestId, repeated requestIds, and valid
 * requests between them. Each record says what the contract promises for it, by construction.
 */
public final class HostileRecords {
    /** What the contract promises for a record: whether it gets a result and whether it becomes a dead letter. */
    public enum Expect {
        RESULT(true, false), ERROR_RESULT_AND_DEAD_LETTER(true, true), DEAD_LETTER_ONLY(false, true);

        public final boolean result;
        public final boolean deadLetter;

        Expect(boolean result, boolean deadLetter) {
            this.result = result;
            this.deadLetter = deadLetter;
        }
    }

    /**
     * One record: its key and value (either may be null), what it should yield, and the requestId
     * its result carries (null when it gets none).
     */
    public record Hostile(String kind, String key, byte[] value, Expect expect, String answerId) {
        Hostile(String kind, String key, byte[] value, Expect expect, int n) {
            this(kind, key, value, expect, expect.result ? id(n) : null);
        }

        @Override
        public String toString() {
            String shown = value == null ? "null" : new String(value, 0, Math.min(value.length, 120),
                    StandardCharsets.UTF_8);
            return kind + " key=" + key + " value=" + shown + (value != null && value.length > 120 ? "..." : "");
        }
    }

    private final Random random;
    private final String operation;
    private final String otherOperation;
    private final List<Hostile> validSoFar = new ArrayList<>();
    private int next;

    /**
     * @param seed replays the same records
     * @param operation the operation of the topic the records go to ({@code multiply} or {@code add})
     */
    public HostileRecords(long seed, String operation) {
        this.random = new Random(seed);
        this.operation = operation;
        this.otherOperation = operation.equals("multiply") ? "add" : "multiply";
    }

    /** {@code count} records; about one in eight is a valid request, one in forty a repeat of an earlier one. */
    public List<Hostile> generate(int count) {
        List<IntFunction<Hostile>> kinds = List.of(this::valid, this::repeated, this::randomBytes, this::truncated,
                this::deeplyNested, this::hugeNumber, this::fractional, this::stringOperand, this::nulls,
                this::duplicateFields, this::invalidUtf8, this::wrongOperation, this::keyNotRequestId,
                this::badRequestId, this::notAnObject, this::tombstone);
        List<Hostile> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(kinds.get(random.nextInt(kinds.size())).apply(next++));
        }
        return records;
    }

    /** A value of about {@code size} bytes: a valid request padded with an unknown field, or junk. */
    public Hostile large(int size, boolean valid) {
        int n = next++;
        if (valid) {
            String head = "{\"requestId\":\"" + id(n) + "\",\"operation\":\"" + operation + "\",\"a\":3,\"b\":4,"
                    + "\"pad\":\"";
            return new Hostile("large-valid", id(n), (head + "x".repeat(Math.max(0, size - head.length() - 2)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8), Expect.RESULT, n);
        }
        byte[] junk = new byte[size];
        random.nextBytes(junk);
        return new Hostile("large-junk", id(n), junk, Expect.ERROR_RESULT_AND_DEAD_LETTER, n);
    }

    private Hostile valid(int n) {
        String id = id(n);
        long a = operand();
        long b = operand();
        Hostile hostile = new Hostile("valid", random.nextBoolean() ? id : null,
                utf8(request(id, operation, Long.toString(a), Long.toString(b))), Expect.RESULT, n);
        validSoFar.add(hostile);
        return hostile;
    }

    private Hostile repeated(int n) {
        return validSoFar.isEmpty() ? valid(n) : validSoFar.get(random.nextInt(validSoFar.size()));
    }

    private Hostile randomBytes(int n) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        if (bytes.length > 0) {
            // Never an object (so never a recoverable requestId) when unkeyed: no '{' and no leading whitespace.
            bytes[0] = (byte) ('#' + random.nextInt(10));
        }
        return keyedOrNot(n, "random-bytes", bytes);
    }

    private Hostile truncated(int n) {
        byte[] whole = utf8(request(id(n), operation, "6", "7"));
        return keyedOrNot(n, "truncated", Arrays.copyOf(whole, random.nextInt(whole.length)));
    }

    private Hostile deeplyNested(int n) {
        int depth = 1 + random.nextInt(random.nextBoolean() ? 50 : 20_000);
        String nested = "[".repeat(depth) + "]".repeat(depth);
        return keyed(n, "deeply-nested", request(id(n), operation, nested, "1"));
    }

    private Hostile hugeNumber(int n) {
        StringBuilder digits = new StringBuilder("9");
        int length = 20 + random.nextInt(random.nextBoolean() ? 20 : 5_000);
        while (digits.length() < length) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        String number = (random.nextBoolean() ? "-" : "") + digits;
        // Past 1,000 digits the JSON parser refuses the value, so only a key can name the request.
        return keyed(n, "huge-number", request(id(n), operation, "2", number));
    }

    private Hostile fractional(int n) {
        List<String> numbers = List.of("1.5", "-0.0", "1e3", "2E-1", "6.0", "0.1e1");
        return withRecoverableId(n, "fractional",
                request(id(n), operation, numbers.get(random.nextInt(numbers.size())), "7"));
    }

    private Hostile stringOperand(int n) {
        return withRecoverableId(n, "string-operand", request(id(n), operation, "\"6\"", "7"));
    }

    private Hostile nulls(int n) {
        return switch (random.nextInt(3)) {
            case 0 -> withRecoverableId(n, "null-operand", request(id(n), operation, "null", "7"));
            case 1 -> keyedOrNot(n, "null-request-id", "{\"requestId\":null,\"operation\":\"" + operation
                    + "\",\"a\":6,\"b\":7}");
            default -> keyedOrNot(n, "json-null", "null");
        };
    }

    private Hostile duplicateFields(int n) {
        return keyedOrNot(n, "duplicate-fields", "{\"requestId\":\"" + id(n) + "\",\"operation\":\"" + operation
                + "\",\"a\":6,\"a\":8,\"b\":7}");
    }

    private Hostile invalidUtf8(int n) {
        byte[] head = utf8("{\"requestId\":\"" + id(n) + "\",\"operation\":\"" + operation + "\",\"a\":6,\"b\":7,"
                + "\"note\":\"");
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xE2, (byte) 0x82};
        byte[] tail = utf8("\"}");
        byte[] value = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, value, 0, head.length);
        System.arraycopy(bad, 0, value, head.length, bad.length);
        System.arraycopy(tail, 0, value, head.length + bad.length, tail.length);
        return keyedOrNot(n, "invalid-utf8", value);
    }

    private Hostile wrongOperation(int n) {
        String op = random.nextBoolean() ? otherOperation : "divide";
        return withRecoverableId(n, "wrong-operation", request(id(n), op, "6", "7"));
    }

    private Hostile keyNotRequestId(int n) {
        return new Hostile("key-not-request-id", id(n), utf8(request(id(n) + "-other", operation, "6", "7")),
                Expect.ERROR_RESULT_AND_DEAD_LETTER, n);
    }

    private Hostile badRequestId(int n) {
        List<String> ids = List.of("\"\"", "\"" + "x".repeat(129) + "\"", "\"has space\"", "\"semi;colon\"", "42",
                "\"\\u00e9t\\u00e9\"", "[\"r-1\"]");
        return keyedOrNot(n, "bad-request-id", "{\"requestId\":" + ids.get(random.nextInt(ids.size()))
                + ",\"operation\":\"" + operation + "\",\"a\":6,\"b\":7}");
    }

    private Hostile notAnObject(int n) {
        List<String> values = List.of("[1,2]", "42", "\"a string\"", "true", "", "   ", "{}{}");
        return keyedOrNot(n, "not-an-object", values.get(random.nextInt(values.size())));
    }

    private Hostile tombstone(int n) {
        return keyedOrNot(n, "tombstone", (byte[]) null);
    }

    private Hostile withRecoverableId(int n, String kind, String value) {
        return new Hostile(kind, random.nextBoolean() ? id(n) : null, utf8(value), Expect.ERROR_RESULT_AND_DEAD_LETTER, n);
    }

    private Hostile keyed(int n, String kind, String value) {
        return new Hostile(kind, id(n), utf8(value), Expect.ERROR_RESULT_AND_DEAD_LETTER, n);
    }

    private Hostile keyedOrNot(int n, String kind, String value) {
        return keyedOrNot(n, kind, utf8(value));
    }

    /** Values from which no requestId can be recovered: keyed they get an ERROR result, unkeyed only a dead letter. */
    private Hostile keyedOrNot(int n, String kind, byte[] value) {
        return random.nextBoolean()
                ? new Hostile(kind, id(n), value, Expect.ERROR_RESULT_AND_DEAD_LETTER, n)
                : new Hostile(kind, null, value, Expect.DEAD_LETTER_ONLY, n);
    }

    private long operand() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt();
            case 2 -> random.nextInt(2_001) - 1_000;
            default -> List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE).get(random.nextInt(5));
        };
    }

    private static String id(int n) {
        return "h-" + n;
    }

    private static String request(String id, String operation, String a, String b) {
        return "{\"requestId\":\"" + id + "\",\"operation\":\"" + operation + "\",\"a\":" + a + ",\"b\":" + b + "}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
