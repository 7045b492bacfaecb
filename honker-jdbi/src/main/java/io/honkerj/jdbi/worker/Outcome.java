package io.honkerj.jdbi.worker;

import java.time.Duration;

/** What a runner decided for a job; the completer applies it in a transaction. */
sealed interface Outcome {

    /** The job it settles. */
    Held held();

    /** Handler returned: ack, storing {@code resultJson} (if not null) in the same transaction. */
    record Ack(Held held, String resultJson, Duration took) implements Outcome {}

    /** Handler threw with attempts left: reschedule after {@code delay}. */
    record Retry(Held held, Duration delay, String error, Throwable cause, Duration took) implements Outcome {}

    /** Handler threw on the last attempt, or the payload is unreadable: dead-letter. */
    record Dead(Held held, String error, Throwable cause, Duration took) implements Outcome {}

    /** Not run, or stopped at shutdown: back to pending without spending the attempt. */
    record Release(Held held) implements Outcome {}
}
