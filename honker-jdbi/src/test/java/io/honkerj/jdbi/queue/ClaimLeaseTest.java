package io.honkerj.jdbi.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.api.QueueOptions;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A claim, and a claim a heartbeat extended, stays its holder's for at least the lease it asked for on the
 * wall clock, whatever the sub-second phase of now, and another worker can take it at most one second later.
 * Stored as upstream reads it: reclaimable once {@code claim_expires_at < now} in whole seconds.
 */
class ClaimLeaseTest {
    static final long T0 = 1_700_000_000L;

    @RegisterExtension
    final HonkerExtension db = database();

    /** The database each test runs on: a SQLite file here, PostgreSQL in the {@code Postgres} subclass. */
    HonkerExtension database() {
        return new HonkerExtension(T0);
    }

    SettableClock clock;
    JdbiHonker honker;

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
    }

    private Queue queue(Duration lease) {
        return honker.queue("q", QueueOptions.defaults().withVisibilityTimeout(lease));
    }

    private void at(long second, int millis) {
        clock.set(Instant.ofEpochSecond(second, millis * 1_000_000L));
    }

    @Test
    void aOneSecondClaimTakenAt29950IsHeldForTheWholeSecond() {
        Queue q = queue(Duration.ofSeconds(1));
        q.enqueue("x");
        at(T0 + 29, 950);
        Job job = q.claimOne("a").orElseThrow();
        assertThat(job.claimExpiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 30)); // upstream's floor(now) + 1
        at(T0 + 30, 949);
        assertThat(q.claimOne("b")).as("0.999 s later").isEmpty();
        at(T0 + 30, 950);
        assertThat(q.claimOne("b")).as("the full second asked for").isEmpty();
        at(T0 + 31, 0);
        assertThat(q.claimOne("b")).as("1.05 s later another worker takes it").isPresent();
        assertThat(job.ack()).isFalse();
    }

    @Test
    void aHeartbeatLateInASecondExtendsByAtLeastTheExtension() {
        Queue q = queue(Duration.ofSeconds(5));
        q.enqueue("x");
        Job job = q.claimOne("a").orElseThrow();
        at(T0 + 4, 999);
        assertThat(job.heartbeat(Duration.ofSeconds(2))).isTrue();
        at(T0 + 6, 998);
        assertThat(q.claimOne("b")).isEmpty();
        at(T0 + 7, 0);
        assertThat(q.claimOne("b")).isPresent();
    }

    @Test
    void aFractionalLeaseIsRoundedUpNotTruncated() {
        Queue q = queue(Duration.ofMillis(1500));
        q.enqueue("x");
        at(T0, 0);
        Job job = q.claimOne("a").orElseThrow();
        assertThat(job.claimExpiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 1)); // held until T0 + 2.000
        at(T0 + 1, 499);
        assertThat(q.claimOne("b")).as("within the 1.5 s asked for").isEmpty();
        at(T0 + 1, 999);
        assertThat(job.heartbeat(Duration.ofMillis(1500))).isTrue(); // until at least T0 + 3.499
        at(T0 + 3, 499);
        assertThat(q.claimOne("b")).isEmpty();
        at(T0 + 4, 0);
        assertThat(q.claimOne("b")).isPresent();
    }
}
