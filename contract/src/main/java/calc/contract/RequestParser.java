package calc.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;

/**
 * Enforces the request rules of the contract on untrusted bytes: requestId and batchId charset
 * and length, operation known and matching the topic, operands JSON integers within signed 64
 * bits (no fractions, strings or exponents), submittedAt RFC 3339, key equal to requestId when
 * present. Unknown fields are ignored.
 */
public final class RequestParser {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestParser() {
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * @param key the record key, or null
     * @param value the record value, or null
     * @param expected the operation of the topic the record came from, or null to accept any
     * @param recordTime counts as submittedAt when the request does not carry one
     */
    public static ParsedRequest parse(String key, byte[] value, Operation expected, Instant recordTime) {
        Optional<String> keyId = Optional.ofNullable(key).filter(RequestParser::isValidId);
        if (value == null) {
            return invalid(keyId, null, recordTime, ErrorCode.INVALID_REQUEST, "the record has no value");
        }
        JsonNode json;
        try {
            json = CalcJson.strictReader().readTree(value);
        } catch (StreamReadException e) {
            return invalid(keyId, null, recordTime, ErrorCode.INVALID_REQUEST, notJson(e));
        } catch (JacksonException e) {
            return invalid(keyId, null, recordTime, ErrorCode.INVALID_REQUEST, "the value is not JSON");
        }
        if (json == null || !json.isObject()) {
            return invalid(keyId, null, recordTime, ErrorCode.INVALID_REQUEST, "the value is not a JSON object");
        }
        return new Fields(key, json, expected, recordTime).parse();
    }

    public static ParsedRequest parse(String key, String value, Operation expected, Instant recordTime) {
        return parse(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), expected, recordTime);
    }

    private static String notJson(StreamReadException e) {
        return String.valueOf(e.getOriginalMessage()).startsWith("Duplicate")
                ? "the value is not JSON: a field appears twice" : "the value is not JSON";
    }

    private static ParsedRequest.Invalid invalid(
            Optional<String> id, String batchId, Instant submittedAt, ErrorCode code, String message) {
        return new ParsedRequest.Invalid(id, batchId, submittedAt, new CalcError(code, message));
    }

    /** The checks on one JSON object, in the order a caller would fix them. */
    private record Fields(String key, JsonNode json, Operation expected, Instant recordTime) {

        ParsedRequest parse() {
            String requestId = text("requestId");
            String batchId = validBatchId();
            Instant submittedAt = submittedAt();
            Optional<String> answerId = Optional.ofNullable(key).filter(RequestParser::isValidId)
                    .or(() -> Optional.ofNullable(requestId).filter(RequestParser::isValidId));
            if (requestId == null) {
                return reject(answerId, batchId, submittedAt, ErrorCode.INVALID_REQUEST,
                        "requestId is required and must be a string");
            }
            if (!isValidId(requestId)) {
                return reject(answerId, batchId, submittedAt, ErrorCode.INVALID_REQUEST,
                        "requestId must be 1-128 characters of [A-Za-z0-9._:-]");
            }
            if (key != null && !key.equals(requestId)) {
                return reject(answerId, batchId, submittedAt, ErrorCode.INVALID_REQUEST,
                        "the record key and requestId differ");
            }
            String batchError = batchIdError();
            if (batchError != null) {
                return reject(answerId, null, submittedAt, ErrorCode.INVALID_REQUEST, batchError);
            }
            if (submittedAt == null) {
                return reject(answerId, batchId, recordTime, ErrorCode.INVALID_REQUEST,
                        "submittedAt must be an RFC 3339 timestamp");
            }
            String operationName = text("operation");
            if (operationName == null) {
                return reject(answerId, batchId, submittedAt, ErrorCode.INVALID_REQUEST,
                        "operation is required and must be a string");
            }
            Optional<Operation> operation = Operation.fromWireName(operationName)
                    .filter(op -> expected == null || op == expected);
            if (operation.isEmpty()) {
                return reject(answerId, batchId, submittedAt, ErrorCode.UNSUPPORTED_OPERATION,
                        unsupported(operationName));
            }
            for (String operand : new String[] {"a", "b"}) {
                if (!isLong(json.get(operand))) {
                    return reject(answerId, batchId, submittedAt, ErrorCode.INVALID_REQUEST,
                            operand + " is required and must be a JSON integer within signed 64 bits");
                }
            }
            return new ParsedRequest.Valid(new CalculationRequest(requestId, operation.get(),
                    json.get("a").longValue(), json.get("b").longValue(), batchId, submittedAt));
        }

        private String unsupported(String operationName) {
            String safe = operationName.length() > 40 ? operationName.substring(0, 40) + "..." : operationName;
            return expected == null
                    ? "operation '" + safe + "' is not supported (multiply, add)"
                    : "operation '" + safe + "' is not served by the " + expected.wireName() + " topic";
        }

        private ParsedRequest.Invalid reject(
                Optional<String> id, String batchId, Instant submittedAt, ErrorCode code, String message) {
            return invalid(id, batchId, submittedAt, code, message);
        }

        private String text(String field) {
            JsonNode node = json.get(field);
            return node != null && node.isString() ? node.asString() : null;
        }

        private boolean absent(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull();
        }

        private String validBatchId() {
            return batchIdError() == null ? text("batchId") : null;
        }

        private String batchIdError() {
            if (absent("batchId") || isValidId(text("batchId"))) {
                return null;
            }
            return "batchId must be 1-128 characters of [A-Za-z0-9._:-]";
        }

        /** The time the request was submitted, the record time when absent, null when malformed. */
        private Instant submittedAt() {
            if (absent("submittedAt")) {
                return recordTime;
            }
            String text = text("submittedAt");
            if (text == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private static boolean isLong(JsonNode node) {
            return node != null && node.isIntegralNumber() && node.canConvertToLong();
        }
    }
}
