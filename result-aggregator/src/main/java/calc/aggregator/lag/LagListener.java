package calc.aggregator.lag;

import java.util.function.Consumer;

/**
 * Told of every completed lag refresh, on the lag engine's thread: must be quick. Any bean of this
 * type is told, so that other parts (the dashboard's timeline) follow the lag without the lag
 * engine knowing them.
 */
public interface LagListener extends Consumer<LagSnapshot> {
}
