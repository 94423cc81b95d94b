package calc.aggregator.state;

import calc.contract.CalcError;
import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.CalculationResult.Status;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.contract.WorkerIdentity;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a result record in one pass. The contract's mapper decides what a result is; this reader
 * streams over the form the workers write (string, integer and null values, the {@code error} and
 * {@code worker} objects, timestamps in UTC with a Z) and leaves anything else (another value
 * type, a field given twice, another timestamp form, a record the result's own rules refuse) to
 * the mapper. {@code ResultFieldsTest} holds the two to the same outcome over generated records.
 */
final class ResultFields {
    private ResultFields() {
    }

    /** The result, or empty when the record is not one. */
    static Optional<CalculationResult> read(byte[] value) {
        CalculationResult scanned = scan(value);
        return scanned != null ? Optional.of(scanned) : parsed(value);
    }

    /** The contract mapper's outcome: the reference the streaming reader must agree with. */
    static Optional<CalculationResult> parsed(byte[] value) {
        try {
            return Optional.ofNullable(CalcJson.fromBytes(value, CalculationResult.class));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Collects the fields while they stream by; any surprise makes the record the mapper's to read. */
    private static final class Fields {
        final Set<String> seen = new HashSet<>(16);
        String requestId;
        String batchId;
        Operation operation;
        Long a;
        Long b;
        Status status;
        Long result;
        CalcError error;
        WorkerIdentity worker;
        Instant submittedAt;
        Instant completedAt;
    }

    private static final class Unusual extends Exception {
        Unusual() {
            super(null, null, false, false);
        }
    }

    private static final Unusual UNUSUAL = new Unusual();

    /** The streaming reader's result; null when the record is for the mapper to read. */
    static CalculationResult scan(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try (JsonParser parser = JsonScan.parser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Fields fields = new Fields();
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                if (!fields.seen.add(name)) {
                    return null;
                }
                field(parser, name, parser.nextToken(), fields);
            }
            if (parser.nextToken() != null) {
                return null;
            }
            return new CalculationResult(fields.requestId, fields.batchId, fields.operation, fields.a, fields.b,
                    fields.status, fields.result, fields.error, fields.worker, fields.submittedAt, fields.completedAt);
        } catch (Unusual | RuntimeException e) {
            // Jackson's own exceptions included: the mapper reads the record and decides.
            return null;
        }
    }

    private static void field(JsonParser parser, String name, JsonToken token, Fields fields) throws Unusual {
        switch (name) {
            case "requestId" -> fields.requestId = text(parser, token);
            case "batchId" -> fields.batchId = text(parser, token);
            case "operation" -> fields.operation = token == JsonToken.VALUE_NULL ? null
                    : Operation.fromWireName(text(parser, token)).orElseThrow(() -> UNUSUAL);
            case "a" -> fields.a = number(parser, token);
            case "b" -> fields.b = number(parser, token);
            case "result" -> fields.result = number(parser, token);
            case "status" -> fields.status = status(text(parser, token));
            case "error" -> fields.error = error(parser, token);
            case "worker" -> fields.worker = worker(parser, token);
            case "submittedAt" -> fields.submittedAt = instant(parser, token);
            case "completedAt" -> fields.completedAt = instant(parser, token);
            default -> parser.skipChildren();
        }
    }

    private static String text(JsonParser parser, JsonToken token) throws Unusual {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw UNUSUAL;
        }
        return parser.getString();
    }

    private static Long number(JsonParser parser, JsonToken token) throws Unusual {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT
                && parser.getNumberType() != JsonParser.NumberType.LONG) {
            throw UNUSUAL;
        }
        return parser.getLongValue();
    }

    private static Status status(String text) throws Unusual {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "OK" -> Status.OK;
            case "ERROR" -> Status.ERROR;
            default -> throw UNUSUAL;
        };
    }

    private static Instant instant(JsonParser parser, JsonToken token) throws Unusual {
        String text = text(parser, token);
        if (text == null) {
            return null;
        }
        Instant instant = JsonScan.instant(text);
        if (instant == null) {
            throw UNUSUAL;
        }
        return instant;
    }

    private static CalcError error(JsonParser parser, JsonToken token) throws Unusual {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        String code = null;
        String message = null;
        Set<String> seen = new HashSet<>(4);
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            if (!seen.add(name)) {
                throw UNUSUAL;
            }
            switch (name) {
                case "code" -> code = text(parser, value);
                case "message" -> message = text(parser, value);
                default -> parser.skipChildren();
            }
        }
        if (code == null || message == null) {
            throw UNUSUAL;
        }
        return new CalcError(errorCode(code), message);
    }

    private static ErrorCode errorCode(String name) throws Unusual {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        throw UNUSUAL;
    }

    private static WorkerIdentity worker(JsonParser parser, JsonToken token) throws Unusual {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        String service = null;
        String version = null;
        String instance = null;
        Set<String> seen = new HashSet<>(4);
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            if (!seen.add(name)) {
                throw UNUSUAL;
            }
            switch (name) {
                case "service" -> service = text(parser, value);
                case "version" -> version = text(parser, value);
                case "instance" -> instance = text(parser, value);
                default -> parser.skipChildren();
            }
        }
        if (service == null || version == null || instance == null) {
            throw UNUSUAL;
        }
        return new WorkerIdentity(service, version, instance);
    }
}
