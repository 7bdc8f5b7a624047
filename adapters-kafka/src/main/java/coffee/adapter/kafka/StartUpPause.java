package coffee.adapter.kafka;

import java.time.Duration;

/**
 * How a role's start-up waits between attempts to reach Kafka: the role's own way, so that a
 * stop asked for meanwhile ends the wait at once (the pause throws then) instead of after a
 * minute of waiting for a Kafka no one wants any more.
 */
@FunctionalInterface
public interface StartUpPause {

    /**
     * Waits up to {@code pause}; {@link Duration#ZERO} only asks whether to go on.
     *
     * @throws InterruptedException when the start-up is to end instead
     */
    void pause(Duration pause) throws InterruptedException;
}
