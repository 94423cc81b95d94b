package calc.bench;

import calc.contract.CalcJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The aggregator's view of a batch and of all ids, read over its REST API as a user reads it. */
final class AggregatorClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    AggregatorClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Results the aggregator has correlated for the batch; 0 while it knows nothing of it. */
    long completed(String batchId) {
        return completedAt("/api/batches/" + batchId);
    }

    /** Distinct ids the aggregator has a result for, over all batches and none. */
    long totalCompleted() {
        return completedAt("/api/stats");
    }

    private long completedAt(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404 || response.statusCode() == 503) {
                // Not known yet, or the aggregator is rebalancing: nothing counted so far.
                return 0;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return CalcJson.mapper().readTree(response.body()).path("completed").asLong();
        } catch (IOException e) {
            throw new IllegalStateException("the aggregator did not answer at " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the aggregator has every result of the batch; false if it had not within {@code limit}. */
    boolean awaitCompleted(String batchId, long expected, Duration limit) {
        return Waiting.until(() -> completed(batchId) >= expected, limit);
    }
}
