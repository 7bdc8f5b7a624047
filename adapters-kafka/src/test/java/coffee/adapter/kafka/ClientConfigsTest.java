package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {

    private static KafkaSettings withProperties(Map<String, String> properties) {
        KafkaSettings defaults = KafkaSettings.defaults(List.of("localhost:9092"));
        return new KafkaSettings(defaults.brokers(), defaults.ordersTopic(), defaults.statusTopic(),
                defaults.deadLetterTopic(), defaults.partitions(), defaults.replicationFactor(), defaults.minInSyncReplicas(),
                defaults.acks(),
                defaults.retries(), defaults.timeout(), defaults.groupId(), defaults.maxQueuedPerPartition(), properties);
    }

    @Test
    void user_properties_pass_through_as_text_and_still_bound_the_request_timeout() {
        Map<String, Object> producer = ClientConfigs.producer(withProperties(
                Map.of("linger.ms", "10", "security.protocol", "SASL_SSL")), "test");

        assertEquals("10", producer.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("SASL_SSL", producer.get("security.protocol"));
        assertEquals(4490, producer.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals(500L, producer.get(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        assertEquals(4500, producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
    }

    @Test
    void properties_the_system_sets_itself_are_reported_with_the_clients_that_ignore_them() {
        KafkaSettings settings = withProperties(Map.of("acks", "0", "linger.ms", "10", "group.id", "mine",
                "request.timeout.ms", "1000", "security.protocol", "SSL", "enable.idempotence", "true",
                "enable.auto.commit", "true"));

        assertEquals(Map.of(
                "acks", List.of("producer"),
                "enable.auto.commit", List.of("consumer", "feeds"),
                "group.id", List.of("consumer", "feeds"),
                "request.timeout.ms", List.of("producer", "admin")), settings.ignoredClientProperties());
        assertEquals(List.of("acks", "enable.auto.commit", "group.id", "request.timeout.ms"),
                List.copyOf(settings.ignoredClientProperties().keySet()), "in key order");
    }

    @Test
    void the_settings_the_guarantees_rest_on_cannot_be_overridden() {
        KafkaSettings settings = withProperties(Map.of("enable.auto.commit", "true", "acks", "0",
                "enable.idempotence", "false", "delivery.timeout.ms", "120000"));

        Map<String, Object> producer = ClientConfigs.producer(settings, "test");
        Map<String, Object> consumer = ClientConfigs.groupConsumer(settings, "test");

        assertEquals("all", producer.get(ProducerConfig.ACKS_CONFIG));
        assertEquals(true, producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals(4500, producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        assertEquals(false, consumer.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
    }

    @Test
    void a_status_waits_a_minute_for_its_acknowledgement_so_a_failover_never_makes_it_be_published_twice() {
        KafkaSettings settings = withProperties(Map.of());
        Map<String, Object> orders = ClientConfigs.producer(settings, "test");
        Map<String, Object> statuses = ClientConfigs.statusProducer(settings, "test");

        assertEquals(60_000, ((Number) statuses.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).intValue());
        assertEquals(4_500, ((Number) orders.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).intValue());
        // each request is still bounded: one to a dead leader is sent again to the next leader
        assertEquals(orders.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG), statuses.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals(true, statuses.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
    }

    @Test
    void a_status_goes_out_at_once_unless_linger_is_configured_while_orders_wait_for_their_batch() {
        Map<String, Object> statuses = ClientConfigs.statusProducer(withProperties(Map.of()), "test");
        Map<String, Object> orders = ClientConfigs.producer(withProperties(Map.of()), "test");
        Map<String, Object> configured = ClientConfigs.statusProducer(withProperties(Map.of("linger.ms", "7")), "test");

        assertEquals(0L, statuses.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals(5L, orders.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("7", configured.get(ProducerConfig.LINGER_MS_CONFIG));
    }

    @Test
    void a_status_is_retried_until_its_minute_is_over_whatever_the_retry_limit_of_orders() {
        KafkaSettings settings = withProperties(Map.of());

        Map<String, Object> statuses = ClientConfigs.statusProducer(settings, "test");

        // A limit of a few retries ends a status's publication within seconds when a live leader
        // answers REQUEST_TIMED_OUT while waiting for a frozen follower: it is then published again
        // as a new record, and if the first copy lands after all, the order is completed twice.
        assertEquals(Integer.MAX_VALUE, statuses.get(ProducerConfig.RETRIES_CONFIG));
    }

    @Test
    void consumers_give_up_on_a_request_within_the_timeout_not_kafkas_thirty_seconds() {
        KafkaSettings settings = withProperties(Map.of());

        assertEquals(5_000, ClientConfigs.groupConsumer(settings, "test").get(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals(5_000, ClientConfigs.feedConsumer(settings, "test").get(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals("1000", ClientConfigs.groupConsumer(withProperties(Map.of("request.timeout.ms", "1000")), "test")
                .get(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG), "tuning, so the user's own value wins");
    }

    @Test
    void a_consumer_request_outlasts_a_fetch_the_broker_may_hold_however_short_the_timeout() {
        KafkaSettings quick = withProperties(Map.of()).withTimeout(Duration.ofMillis(100));
        KafkaSettings longFetches = withProperties(Map.of("fetch.max.wait.ms", "3000"));

        // the broker holds a fetch for up to fetch.max.wait.ms (500 ms by default) when there is nothing to read
        assertEquals(1_500, ClientConfigs.groupConsumer(quick, "test").get(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals(1_500, ClientConfigs.feedConsumer(quick, "test").get(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals(5_000, ClientConfigs.groupConsumer(longFetches, "test").get(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        assertEquals(4_000, ClientConfigs.consumerRequestTimeoutMs(longFetches.withTimeout(Duration.ofMillis(1000))));
    }

    @Test
    void the_view_advertises_this_instance_keeps_no_record_cache_and_bounds_its_requests_by_the_timeout() {
        KafkaSettings settings = withProperties(Map.of("security.protocol", "SSL")).withTimeout(Duration.ofMillis(100));
        ViewSettings view = new ViewSettings("coffee-view", Path.of("state"), 1, 16L << 20);

        Map<String, Object> streams = ClientConfigs.viewStreams(settings, view, "p1-view", "host-1:8080");

        assertEquals("SSL", streams.get("security.protocol"));
        assertEquals("coffee-view", streams.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("host-1:8080", streams.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
        assertEquals(Path.of("state").toString(), streams.get(StreamsConfig.STATE_DIR_CONFIG));
        assertEquals(1, streams.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
        assertEquals(0L, streams.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG));
        assertEquals(16L << 20, streams.get(BoundedRocksDbMemory.MEMORY_BYTES));
        // a consumer's fetch may rightly be held longer than the timeout; a producer's request may not
        assertEquals(1_500, streams.get(StreamsConfig.consumerPrefix(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG)));
        assertEquals(100, streams.get(StreamsConfig.producerPrefix(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)));
        assertEquals(10_000, streams.get(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)));
    }

    @Test
    void the_view_restores_in_large_batches_and_does_not_wait_long_on_changelogs_with_nothing_to_restore() {
        ViewSettings view = new ViewSettings("coffee-view", Path.of("state"), 0, 16L << 20);
        String fetchWait = StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        String perPoll = StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);

        Map<String, Object> streams = ClientConfigs.viewStreams(withProperties(Map.of()), view, "p1-view", "h:1");
        Map<String, Object> tuned = ClientConfigs.viewStreams(withProperties(Map.of(fetchWait, "200", perPoll, "500")),
                view, "p1-view", "h:1");

        assertEquals(50, streams.get(fetchWait));
        assertEquals(10_000, streams.get(perPoll));
        // the user's kafka.properties still decide
        assertEquals("200", tuned.get(fetchWait));
        assertEquals("500", tuned.get(perPoll));
    }
}
