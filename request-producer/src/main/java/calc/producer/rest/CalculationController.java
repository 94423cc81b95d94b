package calc.producer.rest;

import calc.contract.CalcError;
import calc.contract.CalculationRequest;
import calc.contract.ErrorCode;
import calc.contract.ParsedRequest;
import calc.contract.RequestParser;
import calc.producer.ProducerSettings;
import calc.producer.publish.RequestPublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/calculations}: a body is accepted only if the workers would accept it (the
 * contract's {@link RequestParser} decides), and answered 202 only after the broker acknowledged it.
 * A body over {@code calc.producer.max-body-size} is refused before it is read whole, and a request
 * beyond {@code calc.producer.max-pending} waiting for the broker is refused at once: neither a
 * large body nor a flood can make the service hold more than those bounds in memory.
 */
@RestController
@ConditionalOnWebApplication
class CalculationController {
    private static final Logger log = LoggerFactory.getLogger(CalculationController.class);
    private final RequestPublisher publisher;
    private final ProducerSettings settings;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final Semaphore pending;
    private final ApiToken apiToken;

    CalculationController(RequestPublisher publisher, ProducerSettings settings, MeterRegistry meters) {
        this.publisher = publisher;
        this.settings = settings;
        this.meters = meters;
        this.pending = new Semaphore(settings.maxPending());
        this.apiToken = new ApiToken(settings.apiToken());
        Gauge.builder("calc.producer.pending", pending, waiting -> settings.maxPending() - waiting.availablePermits())
                .description("REST requests waiting for Kafka's acknowledgement").register(meters);
    }

    // produces: a caller that accepts no JSON is refused before anything is published.
    @PostMapping(path = "/api/calculations", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> submit(HttpServletRequest http) {
        if (!apiToken.permits(http.getHeader("Authorization"))) {
            count("unauthorized");
            throw new MissingTokenException();
        }
        int limit = (int) settings.maxBodySize().toBytes();
        if (http.getContentLengthLong() > limit) {
            count("too-large");
            throw new BodyTooLargeException(limit);
        }
        CalculationRequest request = validate(readBody(http, limit));
        if (!pending.tryAcquire()) {
            count("too-many-pending");
            throw new TooManyPendingException(settings.maxPending());
        }
        try {
            awaitAcknowledgement(publisher.publish(request), request.requestId());
        } finally {
            pending.release();
        }
        count("accepted");
        return ResponseEntity.accepted().body(new Accepted(request.requestId(), settings.resultUrl(request.requestId())));
    }

    private byte[] readBody(HttpServletRequest http, int limit) {
        try {
            return RequestBodies.read(http.getInputStream(), limit);
        } catch (BodyTooLargeException e) {
            count("too-large");
            throw e;
        } catch (IOException e) {
            // The caller went away or sent less than it announced: its fault, not ours.
            log.debug("A request body could not be read", e);
            count("rejected");
            throw new RequestRejectedException(new CalcError(ErrorCode.INVALID_REQUEST, "the request body cannot be read"));
        }
    }

    private CalculationRequest validate(byte[] body) {
        Instant now = clock.instant();
        byte[] completed = RequestBodies.complete(body, () -> UUID.randomUUID().toString(), now);
        ParsedRequest parsed = RequestParser.parse(null, completed, null, now);
        if (parsed instanceof ParsedRequest.Invalid invalid) {
            count("rejected");
            throw new RequestRejectedException(invalid.error());
        }
        return ((ParsedRequest.Valid) parsed).request();
    }

    private void awaitAcknowledgement(CompletableFuture<RecordMetadata> acknowledged, String requestId) {
        String late = "Kafka did not acknowledge request " + requestId + " within " + settings.sendTimeout().toMillis() + " ms";
        try {
            acknowledged.get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unavailable(late, e);
        } catch (ExecutionException e) {
            // The producer's own timeout (no metadata or buffer space in time) is the same story for the caller.
            throw e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                    ? unavailable(late, e.getCause())
                    : unavailable("Kafka refused request " + requestId + "; see the request-producer log", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for Kafka to acknowledge request " + requestId, e);
        }
    }

    private PublishFailedException unavailable(String message, Throwable cause) {
        count("unavailable");
        // The record may still arrive later; the caller can safely retry with the same requestId.
        return new PublishFailedException(message + "; retry with the same requestId", cause);
    }

    private void count(String outcome) {
        meters.counter("calc.producer.requests", "outcome", outcome).increment();
    }
}
