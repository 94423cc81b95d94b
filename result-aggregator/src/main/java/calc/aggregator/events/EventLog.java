package calc.aggregator.events;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

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

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
