package calc.aggregator.query;

import calc.aggregator.state.LocalStores;
import calc.aggregator.state.LocalStores.NotHereException;
import calc.aggregator.state.RequestEntry;
import calc.aggregator.state.StreamsUnavailableException;
import calc.aggregator.web.InvalidIdException;
import calc.aggregator.web.NotFoundException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/results/{requestId}}: the answer, PENDING while there is none, 404 when the id
 * is unknown; from any instance. The instance that holds the id's partition answers: this one from
 * its own state, another through one forwarded call, whose answer is passed back as it came. A
 * forwarded call is answered here or refused, never forwarded again. {@value #SERVED_BY} names the
 * instance that answered.
 */
@RestController
public class ResultsController {
    public static final String SERVED_BY = "X-Calc-Served-By";

    private final LocalStores stores;
    private final Instances instances;
    private final Peers peers;

    public ResultsController(LocalStores stores, Instances instances, Peers peers) {
        this.stores = stores;
        this.instances = instances;
        this.peers = peers;
    }

    @GetMapping("/api/results/{requestId}")
    public ResponseEntity<?> result(@PathVariable String requestId,
            @RequestHeader(name = Peers.FORWARDED, required = false) String forwardedBy) {
        InvalidIdException.requireValid("requestId", requestId);
        Instance self = instances.self();
        Instance holder = instances.holderOf(requestId).orElseThrow(() -> new StreamsUnavailableException(
                "no instance holds the partition of " + requestId + " right now (the group is rebalancing); retry shortly",
                null));
        if (holder.equals(self)) {
            return local(requestId, self);
        }
        if (forwardedBy != null) {
            throw new StreamsUnavailableException("the instance " + forwardedBy + " sent " + requestId + " here, but "
                    + holder + " holds it now (the group is rebalancing); retry shortly", null);
        }
        return forwarded(holder, requestId);
    }

    private ResponseEntity<?> local(String requestId, Instance self) {
        RequestEntry entry;
        try {
            entry = stores.entry(requestId)
                    .orElseThrow(() -> new NotFoundException("no request " + requestId + " is known"));
        } catch (NotHereException e) {
            throw new StreamsUnavailableException("partition " + e.partition() + " of " + requestId
                    + " is moving to this instance; retry shortly", e);
        }
        return ResponseEntity.ok().header(SERVED_BY, self.toString()).body(ResultView.of(requestId, entry));
    }

    /** The holder's answer as it gave it: status, body and the instance it names; its errors included. */
    private ResponseEntity<byte[]> forwarded(Instance holder, String requestId) {
        HttpResponse<byte[]> response = peers.get(holder,
                "/api/results/" + URLEncoder.encode(requestId, StandardCharsets.UTF_8));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(SERVED_BY, response.headers().firstValue(SERVED_BY).orElse(holder.toString()));
        return new ResponseEntity<>(response.body(), headers, HttpStatus.valueOf(response.statusCode()));
    }
}
