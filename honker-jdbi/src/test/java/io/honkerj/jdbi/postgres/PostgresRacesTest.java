package io.honkerj.jdbi.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.Lock;
import io.honkerj.api.ScheduledFire;
import io.honkerj.api.ScheduledTask;
import io.honkerj.jdbi.HonkerConfig;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrent transactions on PostgreSQL (READ COMMITTED, PostgreSQL's default and the one honker runs in):
 * two honkers on the same database, as two app hosts, each with its own connections, their threads released
 * together by a barrier so their statements interleave. Each race is run for many rounds. On SQLite the same
 * races are serialised by the file's write lock; here the statements themselves must be safe
 * ({@code ON CONFLICT}, row locks, {@code FOR UPDATE}).
 */
class PostgresRacesTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    static final long T0 = 1_700_000_000L; // a multiple of 10 s
    static final int THREADS_PER_HONKER = 4;
    static final int ROUNDS = 25;
    static final long WAIT_SECONDS = 60;

    SettableClock clock;
    JdbiHonker a;
    JdbiHonker b;
    ExecutorService threads;

    @BeforeEach
    void open() {
        clock = SettableClock.at(Instant.ofEpochSecond(T0));
        a = honker();
        b = honker();
        threads = Executors.newFixedThreadPool(2 * THREADS_PER_HONKER);
    }

    private JdbiHonker honker() {
        Jdbi jdbi = PG.jdbi();
        jdbi.getConfig(HonkerConfig.class).setClock(clock);
        return JdbiHonker.create(jdbi, THREADS_PER_HONKER);
    }

    @AfterEach
    void close() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        a.close();
        b.close();
    }

    /** Runs {@code calls} at once (released together), returning their results in order. */
    private <T> List<T> race(List<Callable<T>> calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.size());
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(threads.submit(() -> {
                start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                return call.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        return results;
    }

    private JdbiHonker honkerOf(int thread) {
        return thread % 2 == 0 ? a : b;
    }

    @Test
    void threadsRacingTryLockOnOneNameGiveExactlyOneHolder() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = "free-" + round;
            List<Callable<Optional<Lock>>> calls = new ArrayList<>();
            for (int t = 0; t < 2 * THREADS_PER_HONKER; t++) {
                JdbiHonker h = honkerOf(t);
                String owner = "owner-" + t;
                calls.add(() -> h.tryLock(name, owner, Duration.ofSeconds(60)));
            }
            List<Lock> holders = race(calls).stream().flatMap(Optional::stream).toList();
            assertThat(holders).as("round %d", round).hasSize(1);
            assertThat(holders.get(0).isHeld()).isTrue();
        }
    }

    /** The lapsed lease's row is deleted and re-inserted by the racers: still one new holder. */
    @Test
    void threadsRacingForALapsedLockGiveExactlyOneNewHolder() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = "lapsed-" + round;
            Lock old = a.tryLock(name, "old", Duration.ofSeconds(10)).orElseThrow();
            clock.tick(Duration.ofSeconds(10));
            List<Callable<Optional<Lock>>> calls = new ArrayList<>();
            for (int t = 0; t < 2 * THREADS_PER_HONKER; t++) {
                JdbiHonker h = honkerOf(t);
                String owner = "owner-" + t;
                calls.add(() -> h.tryLock(name, owner, Duration.ofSeconds(10)));
            }
            List<Lock> holders = race(calls).stream().flatMap(Optional::stream).toList();
            assertThat(holders).as("round %d", round).hasSize(1);
            assertThat(old.isHeld()).isFalse();
            assertThat(old.renew(Duration.ofSeconds(10))).as("the old owner cannot renew").isFalse();
        }
    }

    /** A holder renewing its still valid lease while others race to take it: it keeps it, nobody else gets it. */
    @Test
    void aRenewRacingTakersKeepsTheLeaseAndNoTakerGetsIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = "renew-" + round;
            Lock holder = a.tryLock(name, "holder", Duration.ofSeconds(10)).orElseThrow();
            clock.tick(Duration.ofSeconds(9));
            List<Callable<Boolean>> calls = new ArrayList<>();
            calls.add(() -> holder.renew(Duration.ofSeconds(10)));
            for (int t = 1; t < 2 * THREADS_PER_HONKER; t++) {
                JdbiHonker h = honkerOf(t);
                String owner = "owner-" + t;
                calls.add(() -> h.tryLock(name, owner, Duration.ofSeconds(10)).isPresent());
            }
            List<Boolean> got = race(calls);
            assertThat(got.get(0)).as("round %d: a valid lease is renewed", round).isTrue();
            assertThat(got.subList(1, got.size())).as("round %d", round).containsOnly(false);
            clock.tick(Duration.ofSeconds(1));
        }
    }

    @Test
    void twoSchedulersTickingTheSameBoundaryEnqueueOneJob() throws Exception {
        a.scheduler().add(ScheduledTask.of("every-10s", "ticks", "@every 10s", 1));
        for (int round = 1; round <= ROUNDS; round++) {
            Instant boundary = Instant.ofEpochSecond(T0 + 10L * round);
            clock.set(boundary);
            List<Callable<List<ScheduledFire>>> calls = List.of(
                    () -> a.scheduler().tick(boundary), () -> b.scheduler().tick(boundary));
            List<ScheduledFire> fires = race(calls).stream().flatMap(List::stream).toList();
            assertThat(fires).as("round %d", round).hasSize(1);
            assertThat(fires.get(0).fireAt()).isEqualTo(boundary);
        }
        assertThat(a.queue("ticks").stats().pending()).as("one job per boundary").isEqualTo(ROUNDS);
    }

    @Test
    void threadsRacingForOneWindowAreAllowedExactlyTheLimit() throws Exception {
        int limit = 5;
        for (int round = 0; round < ROUNDS; round++) {
            String name = "limit-" + round;
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int t = 0; t < 2 * THREADS_PER_HONKER; t++) {
                JdbiHonker h = honkerOf(t);
                calls.add(() -> {
                    int allowed = 0;
                    for (int i = 0; i < 2; i++) {
                        allowed += h.rateLimiter(name, limit, Duration.ofSeconds(60)).tryAcquire() ? 1 : 0;
                    }
                    return allowed;
                });
            }
            int allowed = race(calls).stream().mapToInt(Integer::intValue).sum();
            assertThat(allowed).as("round %d: %d threads x 2 calls", round, 2 * THREADS_PER_HONKER).isEqualTo(limit);
            assertThat(a.rateLimiter(name, limit, Duration.ofSeconds(60)).peek().remaining()).isZero();
        }
    }
}
