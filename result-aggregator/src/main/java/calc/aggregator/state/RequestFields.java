package calc.aggregator.state;

import calc.contract.Operation;
import calc.contract.ParsedRequest;
import calc.contract.RequestParser;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * What the aggregator keeps of a request record, read in one pass: the id its answer is stored
 * under (the key when it is a valid id, else the requestId field when that is) and its batch (the
 * batchId field when it is a valid id). The contract's full {@link RequestParser} decides the same
 * for every record; this reader streams over a flat JSON object with scalar values and leaves
 * anything else (not an object, nested values, a field given twice, malformed or trailing text) to
 * it. {@code RequestFieldsTest} holds the two to the same outcome over generated records.
 */
final class RequestFields {
    private RequestFields() {
    }

    /** The request seen, or empty when no id can be recovered (such a record can only be a dead letter). */
    static Optional<RequestSeen> read(String key, byte[] value, Operation topic, long recordTimeMs) {
        Scan scan = scan(value);
        return scan != null ? seen(key, scan, topic) : parsed(key, value, topic, recordTimeMs);
    }

    /** The streaming reader's outcome for a record it could read. */
    static Optional<RequestSeen> seen(String key, Scan scan, Operation topic) {
        String id = RequestParser.isValidId(key) ? key : RequestParser.isValidId(scan.requestId) ? scan.requestId : null;
        String batchId = RequestParser.isValidId(scan.batchId) ? scan.batchId : null;
        return id == null ? Optional.empty() : Optional.of(new RequestSeen(id, batchId, topic));
    }

    /** The full parser's outcome: the reference the streaming reader must agree with. */
    static Optional<RequestSeen> parsed(String key, byte[] value, Operation topic, long recordTimeMs) {
        ParsedRequest parsed = RequestParser.parse(key, value, topic, Instant.ofEpochMilli(recordTimeMs));
        String batchId = parsed instanceof ParsedRequest.Valid valid ? valid.request().batchId()
                : ((ParsedRequest.Invalid) parsed).batchId();
        return parsed.requestId().map(id -> new RequestSeen(id, batchId, topic));
    }

    /** The two fields the aggregator keeps, as the streaming reader found them. */
    static final class Scan {
        String requestId;
        String batchId;
    }

    /** The two fields of a flat JSON object; null when the record is anything else. */
    static Scan scan(byte[] value) {
        if (value == null) {
            return null;
        }
        try (JsonParser parser = JsonScan.parser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Scan scan = new Scan();
            Set<String> seen = new HashSet<>(8);
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                if (token.isStructStart() || !seen.add(name)) {
                    return null;
                }
                if (name.equals("requestId")) {
                    scan.requestId = JsonScan.string(parser, token);
                } else if (name.equals("batchId")) {
                    scan.batchId = JsonScan.string(parser, token);
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
            return scan;
        } catch (JacksonException e) {
            return null;
        }
    }
}
