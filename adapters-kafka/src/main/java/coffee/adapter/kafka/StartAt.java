package coffee.adapter.kafka;

/** Where a feed starts reading. */
public enum StartAt {
    /** Everything ever written: rebuilds the full view. */
    BEGINNING,
    /** Only what is written from now on: enough to follow a new order. */
    END
}
