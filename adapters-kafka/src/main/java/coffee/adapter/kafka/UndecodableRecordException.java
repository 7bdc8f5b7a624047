package coffee.adapter.kafka;

/** A record nobody can make sense of: not JSON, not an event we know, or invalid. */
final class UndecodableRecordException extends Exception {

    UndecodableRecordException(String reason) {
        super(reason, null, false, false);
    }
}
