package calc.aggregator.events;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** The most recent events, oldest first; holds at most {@code capacity}, dropping the oldest. Thread-safe. */
public final class EventLog {
    private final int capacity;
    private final Deque<Event> events = new ArrayDeque<>();

    public EventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the event log must hold at least one event");
        }
        this.capacity = capacity;
    }

    public synchronized void add(Event event) {
        events.addLast(event);
        if (events.size() > capacity) {
            events.removeFirst();
        }
    }

    /**
     * Adds the event unless the same (group, kind, version, detail) was added less than
     * {@code within} before it: a verdict polled every few seconds is one event, not hundreds.
     */
    public synchronized void addUnlessRepeated(Event event, Duration within) {
        for (Iterator<Event> newestFirst = events.descendingIterator(); newestFirst.hasNext(); ) {
            Event earlier = newestFirst.next();
            if (Duration.between(earlier.at(), event.at()).compareTo(within) >= 0) {
                break;
            }
            if (earlier.group().equals(event.group()) && earlier.kind() == event.kind()
                    && Objects.equals(earlier.version(), event.version()) && earlier.detail().equals(event.detail())) {
                return;
            }
        }
        add(event);
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
