package calc.producer.rest;

import java.io.IOException;
import java.io.InputStream;

import calc.contract.CalcJson;
import calc.producer.publish.RequestMessage;
import java.time.Instant;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a REST body within its size limit, and fills in what a REST caller may leave out: a generated {@code requestId} and {@code submittedAt}
 * = now. Anything that is not a JSON object is returned untouched, so the contract's parser
 * reports it with its own words.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /** Reads at most {@code limit} bytes, and refuses a body with more, without reading on. */
    static byte[] read(InputStream body, int limit) throws IOException {
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new BodyTooLargeException(limit);
        }
        return bytes;
    }

    static byte[] complete(byte[] body, Supplier<String> newRequestId, Instant now) {
        JsonNode tree;
        try {
            // Strict, as the parser that judges the completed body: a field given twice stays refused.
            tree = CalcJson.strictReader().readTree(body);
        } catch (JacksonException e) {
            return body;
        }
        if (!(tree instanceof ObjectNode object)) {
            return body;
        }
        if (absent(object, "requestId")) {
            object.put("requestId", newRequestId.get());
        }
        if (absent(object, "submittedAt")) {
            object.put("submittedAt", RequestMessage.timestamp(now));
        }
        return CalcJson.mapper().writeValueAsBytes(object);
    }

    private static boolean absent(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull();
    }
}
