package calc.aggregator.lag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/lag}: the last lag refresh, as JSON, or with {@code ?format=text} as the table
 * {@code ./calc status} prints.
 */
@RestController
public class LagController {
    private final LagEngine engine;

    public LagController(LagEngine engine) {
        this.engine = engine;
    }

    @GetMapping(path = "/api/lag", produces = MediaType.APPLICATION_JSON_VALUE)
    public LagSnapshot lag() {
        return engine.latest();
    }

    @GetMapping(path = "/api/lag", params = "format=text", produces = MediaType.TEXT_PLAIN_VALUE)
    public String lagTable() {
        return LagTable.render(engine.latest());
    }
}
