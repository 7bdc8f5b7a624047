package coffee.adapter.kafka;

/** The adapter's contract against the embedded KRaft broker: runs everywhere, no Docker needed. */
class EmbeddedKafkaContractIT extends KafkaAdapterContract {

    @Override
    protected String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }
}
