package coffee.adapter.http;

import coffee.adapter.http.support.LatencyBuckets;
import coffee.application.port.out.OrderMetrics;
import coffee.domain.Drink;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The system's metrics in Helidon's registry, served as Prometheus text at
 * {@code /observe/metrics}. Latencies are histograms with fixed buckets, so percentiles can be
 * computed across instances.
 */
public final class HelidonOrderMetrics implements OrderMetrics {

    private static final Duration LAG_PARTITIONS_INTERVAL = Duration.ofSeconds(2);
    /** Interrupted, the thread ends at once (it sleeps, or reads a map): a second is plenty. */
    private static final Duration LAG_WATCH_STOP_PATIENCE = Duration.ofSeconds(1);

    private final MeterRegistry registry = Metrics.globalRegistry();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Set<Integer> lagGauges = ConcurrentHashMap.newKeySet();

    @Override
    public void placement(Drink drink, Placement outcome) {
        boolean placed = outcome == Placement.ACCEPTED || outcome == Placement.REPLAYED;
        counter(placed ? "coffee_orders_placed" : "coffee_orders_rejected",
                placed ? "Orders placed (accepted, or a replay of an idempotent request)"
                        : "Orders refused (key reused for another order, or not confirmed by Kafka)",
                "drink", tagValue(drink.displayName()), "outcome", tagValue(outcome.name())).increment();
    }

    @Override
    public void cancellation(Cancellation outcome) {
        counter("coffee_orders_cancel_requests", "Cancel requests by outcome",
                "outcome", tagValue(outcome.name())).increment();
    }

    @Override
    public void handled(Handling outcome) {
        counter("coffee_orders_processed", "Order events a consumer handled, by outcome",
                "outcome", tagValue(outcome.name())).increment();
    }

    @Override
    public void brewed(Drink drink, Duration brewTime) {
        timer("coffee_brew_duration", "From start of brewing to the completed status stored",
                "drink", tagValue(drink.displayName())).record(brewTime);
    }

    @Override
    public void publication(String eventType, Duration latency, boolean acknowledged) {
        timer("coffee_kafka_publish_duration", "From sending an event to Kafka to its acknowledgement (or failure)",
                "event", eventType, "result", acknowledged ? "acknowledged" : "failed").record(latency);
    }

    /**
     * Publishes the consumer's lag (records in a partition not yet consumed), one gauge per
     * partition, read from {@code lagByPartition} when scraped. A thread looks for partitions
     * newly held every 2 s until the watch returned is closed.
     */
    public LagWatch watchConsumerLag(Supplier<Map<Integer, Long>> lagByPartition) {
        Thread watching = Thread.ofPlatform().daemon().name("lag-gauges").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                lagByPartition.get().keySet().forEach(partition -> registerLagGauge(partition, lagByPartition));
                try {
                    Thread.sleep(LAG_PARTITIONS_INTERVAL);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return () -> {
            watching.interrupt();
            try {
                watching.join(LAG_WATCH_STOP_PATIENCE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /**
     * A consumer's lag being watched. Closing it stops the thread that looks for new partitions,
     * so a consumer that stops leaves none behind; the gauges already published stay.
     */
    public interface LagWatch extends AutoCloseable {

        /** Stops watching; returns once the watching thread ended (or after a second). */
        @Override
        void close();
    }

    private void registerLagGauge(int partition, Supplier<Map<Integer, Long>> lagByPartition) {
        if (lagGauges.add(partition)) {
            registry.getOrCreate(Gauge.builder("coffee_consumer_lag",
                            () -> lagByPartition.get().getOrDefault(partition, 0L))
                    .description("Records in the orders topic partition this consumer has not read yet")
                    .tags(List.of(Tag.create("partition", Integer.toString(partition)))));
        }
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(key(name, tags), k -> registry.getOrCreate(
                Counter.builder(name).description(description).tags(tags(tags))));
    }

    private Timer timer(String name, String description, String... tags) {
        return timers.computeIfAbsent(key(name, tags), k -> registry.getOrCreate(
                Timer.builder(name).description(description).tags(tags(tags)).buckets(LatencyBuckets.ALL)
                        .percentiles(LatencyBuckets.NO_PERCENTILES)));
    }

    private static String key(String name, String... tags) {
        return name + String.join("|", tags);
    }

    private static List<Tag> tags(String... keyValues) {
        Tag[] tags = new Tag[keyValues.length / 2];
        for (int i = 0; i < keyValues.length; i += 2) {
            tags[i / 2] = Tag.create(keyValues[i], keyValues[i + 1]);
        }
        return List.of(tags);
    }

    private static String tagValue(String value) {
        return value.toLowerCase(Locale.ROOT).replace(' ', '_');
    }
}
