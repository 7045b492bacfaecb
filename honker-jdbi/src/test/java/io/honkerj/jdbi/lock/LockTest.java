package io.honkerj.jdbi.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.Lock;
import io.honkerj.api.LockNotHeldException;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LockTest {
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


    @Test
    void onlyOneOwnerHoldsALockAndTryWithResourcesReleasesIt() {
        try (Lock lock = honker.tryLock("reports", "alice", Duration.ofSeconds(60)).orElseThrow()) {
            assertThat(lock.isHeld()).isTrue();
            assertThat(lock.expiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 60));
            assertThat(honker.tryLock("reports", "bob", Duration.ofSeconds(60))).isEmpty();
            Map<String, Object> row = new java.util.HashMap<>(honker.jdbi().withHandle(h ->
                    h.createQuery("SELECT * FROM _honker_locks").mapToMap().one()));
            // the integer as a number: SQLite's driver gives int or long by size, PostgreSQL's long for bigint
            row.computeIfPresent("expires_at", (k, v) -> ((Number) v).longValue());
            assertThat(row).isEqualTo(Map.of("name", "reports", "owner", "alice", "expires_at", T0 + 60));
        }
        assertThat(honker.tryLock("reports", "bob", Duration.ofSeconds(60))).isPresent();
    }

    /**
     * Measured against upstream's floor(now) + ttl: a 1 s lock taken at 29.950 s lapsed at 30.000 s and
     * another owner took it 64 ms later. A lease lasts at least its TTL whatever the sub-second phase of now,
     * and another owner gets it at most one second after that.
     */
    @Test
    void aLockTakenLateInASecondLastsAtLeastItsTtlAndAtMostOneSecondMore() {
        clock.set(Instant.ofEpochSecond(T0 + 29, 950_000_000));
        Lock alice = honker.tryLock("l", "alice", Duration.ofSeconds(1)).orElseThrow();
        assertThat(alice.expiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 31));
        clock.set(Instant.ofEpochSecond(T0 + 30, 14_000_000)); // 64 ms later
        assertThat(honker.tryLock("l", "bob", Duration.ofSeconds(1))).isEmpty();
        assertThat(alice.isHeld()).isTrue();
        clock.set(Instant.ofEpochSecond(T0 + 30, 950_000_000)); // the full second asked for
        assertThat(alice.isHeld()).isTrue();
        assertThat(honker.tryLock("l", "bob", Duration.ofSeconds(1))).isEmpty();
        clock.set(Instant.ofEpochSecond(T0 + 31)); // 1.05 s after it was taken
        assertThat(alice.isHeld()).isFalse();
        Lock bob = honker.tryLock("l", "bob", Duration.ofSeconds(1)).orElseThrow();
        assertThat(alice.release()).isFalse();

        clock.set(Instant.ofEpochSecond(T0 + 31, 999_000_000));
        assertThat(bob.renew(Duration.ofMillis(1500))).as("renewed late in the second, fractional ttl").isTrue();
        assertThat(bob.expiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 34)); // ceil(33.499)
        clock.set(Instant.ofEpochSecond(T0 + 33, 499_000_000));
        assertThat(bob.isHeld()).isTrue();
        clock.set(Instant.ofEpochSecond(T0 + 34));
        assertThat(bob.isHeld()).isFalse();
    }

    @Test
    void aTtlOfForeverEndsAtTheLatestStoredDateInsteadOfOverflowing() {
        clock.set(Instant.ofEpochSecond(T0, 500_000_000));
        Lock lock = honker.tryLock("l", "alice", Duration.ofSeconds(Long.MAX_VALUE)).orElseThrow();
        assertThat(lock.expiresAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(lock.renew(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))).isTrue();
        assertThat(lock.expiresAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(honker.tryLock("l", "bob", Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aLockTakenOnAWholeSecondStoresUpstreamsValue() {
        Lock lock = honker.tryLock("l", "alice", Duration.ofSeconds(10)).orElseThrow();
        assertThat(lock.expiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 10));
        clock.set(Instant.ofEpochSecond(T0 + 9, 999_999_999));
        assertThat(lock.isHeld()).isTrue();
        clock.set(Instant.ofEpochSecond(T0 + 10));
        assertThat(honker.tryLock("l", "bob", Duration.ofSeconds(10))).isPresent();
    }

    @Test
    void sameOwnerReacquireSucceedsWithoutExtendingAsUpstream() {
        honker.tryLock("l", "alice", Duration.ofSeconds(60)).orElseThrow();
        clock.tick(Duration.ofSeconds(30));
        Lock again = honker.tryLock("l", "alice", Duration.ofSeconds(60)).orElseThrow();
        assertThat(again.expiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 60));
    }

    @Test
    void anExpiredLockCanBeTakenByAnotherOwnerAndTheOldOwnerLearnsItLostIt() {
        Lock alice = honker.tryLock("l", "alice", Duration.ofSeconds(10)).orElseThrow();
        clock.tick(Duration.ofSeconds(9));
        assertThat(honker.tryLock("l", "bob", Duration.ofSeconds(10))).isEmpty();
        clock.tick(Duration.ofSeconds(1));
        assertThat(alice.isHeld()).isFalse();
        Lock bob = honker.tryLock("l", "bob", Duration.ofSeconds(10)).orElseThrow();
        assertThat(alice.renew(Duration.ofSeconds(10))).isFalse();
        assertThatThrownBy(() -> alice.heartbeat(Duration.ofSeconds(10)))
                .isInstanceOf(LockNotHeldException.class).hasMessageContaining("lock: l").hasMessageContaining("alice");
        assertThat(alice.release()).as("only the owner releases").isFalse();
        assertThat(bob.isHeld()).isTrue();
    }

    /** Upstream lets renew revive an expired lease nobody took yet; here a lapsed lease stays lapsed. */
    @Test
    void renewExtendsAValidLeaseButDoesNotReviveALapsedOne() {
        Lock lock = honker.tryLock("l", "alice", Duration.ofSeconds(10)).orElseThrow();
        clock.tick(Duration.ofSeconds(5));
        assertThat(lock.renew(Duration.ofSeconds(20))).isTrue();
        assertThat(lock.expiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 25));
        clock.tick(Duration.ofSeconds(20));
        assertThat(lock.renew(Duration.ofSeconds(20))).isFalse();
    }

    @Test
    void lockWaitsForTheHolderToRelease() throws Exception {
        Lock held = honker.tryLock("l", "alice", Duration.ofSeconds(60)).orElseThrow();
        Thread releaser = new Thread(() -> {
            try {
                // Take the lock away from the waiter only after it started waiting.
                io.honkerj.jdbi.Await.until(Duration.ofSeconds(30), "the waiter to be waiting",
                        () -> waiting);
                held.release();
            } catch (RuntimeException e) {
                failure = e;
            }
        });
        releaser.start();
        waiting = true;
        Optional<Lock> got = honker.lock("l", "bob", Duration.ofSeconds(60), Duration.ofSeconds(30));
        releaser.join();
        assertThat(failure).isNull();
        assertThat(got).map(Lock::owner).contains("bob");
        assertThat(honker.lock("l", "carol", Duration.ofSeconds(60), Duration.ZERO)).isEmpty();
    }

    private volatile boolean waiting;
    private volatile RuntimeException failure;

    @Test
    void badArgumentsNameTheValue() {
        assertThatThrownBy(() -> honker.tryLock("l", "a", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> honker.tryLock("l", "a", Duration.ofSeconds(-5))).hasMessageContaining("PT-5S");
        assertThatThrownBy(() -> honker.tryLock(" ", "a", Duration.ofSeconds(5))).hasMessageContaining("lock name");
        assertThatThrownBy(() -> honker.tryLock("l", "", Duration.ofSeconds(5))).hasMessageContaining("lock owner");
        Lock lock = honker.tryLock("l", "a", Duration.ofSeconds(5)).orElseThrow();
        assertThatThrownBy(() -> lock.renew(Duration.ofSeconds(-1))).hasMessageContaining("PT-1S");
        assertThat(lock.isHeld()).isTrue();
    }
}
