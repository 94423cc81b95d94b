package calc.aggregator.events;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/events}: the dashboard's timeline, oldest first. */
@RestController
public class EventsController {
    private final EventLog log;

    public EventsController(EventLog log) {
        this.log = log;
    }

    public record Events(List<Event> events) {
    }

    @GetMapping("/api/events")
    public Events events() {
        return new Events(log.events());
    }
}
