package io.honkerj.jdbi.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.DeadJob;
import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.InvalidPayloadException;
import io.honkerj.api.Job;
import io.honkerj.api.JobInfo;
import io.honkerj.api.JobState;
import io.honkerj.api.Queue;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.QueueStats;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import io.honkerj.jdbi.internal.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueueTest {
    static final long T0 = 1_700_000_000L;

    @RegisterExtension
    final HonkerExtension db = database();

    SettableClock clock;
    JdbiHonker honker;
    Queue queue;

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
        queue = honker.queue("emails", QueueOptions.defaults().withVisibilityTimeout(Duration.ofSeconds(30)));
    }


    /** The database each test runs on: a SQLite file here, PostgreSQL in {@code PostgresQueueTest}. */
    HonkerExtension database() {
        return new HonkerExtension(T0);
    }

    record Email(String to, int n) {}

    private Map<String, Object> row(String sql, Object... args) {
        return honker.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            Map<String, Object> row = new java.util.LinkedHashMap<>(q.mapToMap().one());
            // integers as long: SQLite's driver gives int or long by size, PostgreSQL's by column type
            row.replaceAll((k, v) -> v instanceof Integer i ? Long.valueOf(i) : v);
            return row;
        });
    }

    private long count(String sql) {
        return honker.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void enqueueClaimAckRoundTrip() {
        long id = queue.enqueue(new Email("alice@example.com", 1));
        Job job = queue.claimOne("w1").orElseThrow();
        assertThat(job.id()).isEqualTo(id);
        assertThat(job.queue()).isEqualTo("emails");
        assertThat(job.workerId()).isEqualTo("w1");
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.maxAttempts()).isEqualTo(3);
        assertThat(job.claimExpiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 30));
        assertThat(job.payload(Email.class)).isEqualTo(new Email("alice@example.com", 1));
        assertThat(job.payloadJson()).isEqualTo("{\"to\":\"alice@example.com\",\"n\":1}");
        assertThat(queue.claimOne("w2")).isEmpty();
        assertThat(job.ack()).isTrue();
        assertThat(job.ack()).as("second ack").isFalse();
        assertThat(count("SELECT count(*) FROM _honker_live")).isZero();
    }

    @Test
    void storesRowsExactlyAsUpstreamDoes() {
        long id = queue.enqueue(Map.of("k", "v"), EnqueueOptions.defaults().withPriority(7)
                .withExpiresIn(Duration.ofSeconds(100)));
        assertThat(row("SELECT * FROM _honker_live WHERE id = ?", id))
                .containsEntry("queue", "emails").containsEntry("payload", "{\"k\":\"v\"}")
                .containsEntry("state", "pending").containsEntry("priority", 7L)
                .containsEntry("run_at", T0).containsEntry("worker_id", null)
                .containsEntry("claim_expires_at", null).containsEntry("attempts", 0L)
                .containsEntry("max_attempts", 3L).containsEntry("created_at", T0)
                .containsEntry("expires_at", T0 + 100);
        queue.claimOne("w").orElseThrow();
        assertThat(row("SELECT state, worker_id, claim_expires_at, attempts FROM _honker_live WHERE id = ?", id))
                .containsEntry("state", "processing").containsEntry("worker_id", "w")
                .containsEntry("claim_expires_at", T0 + 30).containsEntry("attempts", 1L);
    }

    @Test
    void claimsByPriorityThenRunAtThenId() {
        long low = queue.enqueue("low", EnqueueOptions.defaults().withPriority(0));
        long high2 = queue.enqueue("high-later", EnqueueOptions.defaults().withPriority(5));
        long early = queue.enqueue("high-earlier", EnqueueOptions.defaults().withPriority(5)
                .withRunAt(Instant.ofEpochSecond(T0 - 10)));
        long high3 = queue.enqueue("high-later-2", EnqueueOptions.defaults().withPriority(5));
        List<Job> jobs = queue.claimBatch("w", 10);
        assertThat(jobs).extracting(Job::id).containsExactly(early, high2, high3, low);
    }

    @Test
    void delayedJobBecomesClaimableWhenTimeArrives() {
        long id = queue.enqueue("later", EnqueueOptions.defaults().withDelay(Duration.ofSeconds(60)));
        assertThat(queue.claimOne("w")).isEmpty();
        assertThat(queue.nextClaimAt()).contains(Instant.ofEpochSecond(T0 + 60));
        clock.tick(Duration.ofSeconds(59));
        assertThat(queue.claimOne("w")).isEmpty();
        clock.tick(Duration.ofSeconds(1));
        assertThat(queue.claimOne("w")).map(Job::id).contains(id);
    }

    @Test
    void runAtInThePastIsDueNowAndDelayWinsOverRunAt() {
        long past = queue.enqueue("p", EnqueueOptions.defaults().withRunAt(Instant.ofEpochSecond(T0 - 3600)));
        long both = queue.enqueue("b", EnqueueOptions.defaults().withRunAt(Instant.ofEpochSecond(T0 - 3600))
                .withDelay(Duration.ofSeconds(5)));
        assertThat(queue.getJob(both).orElseThrow().runAt()).isEqualTo(Instant.ofEpochSecond(T0 + 5));
        assertThat(queue.claimBatch("w", 5)).extracting(Job::id).containsExactly(past);
    }

    @Test
    void lapsedLeaseIsReclaimedByAnotherWorkerAndTheOldHolderLosesIt() {
        long id = queue.enqueue("x");
        Job first = queue.claimOne("w1").orElseThrow();
        clock.tick(Duration.ofSeconds(30));
        assertThat(queue.claimOne("w2")).as("lease still valid at its last second").isEmpty();
        assertThat(queue.nextClaimAt()).contains(Instant.ofEpochSecond(T0 + 31));
        clock.tick(Duration.ofSeconds(1));
        Job second = queue.claimOne("w2").orElseThrow();
        assertThat(second.id()).isEqualTo(id);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.runAt()).as("a reclaimed row keeps its run_at").isEqualTo(Instant.ofEpochSecond(T0));
        assertThat(first.ack()).isFalse();
        assertThat(first.heartbeat(Duration.ofSeconds(30))).isFalse();
        assertThat(first.retry(Duration.ZERO, "late")).isFalse();
        assertThat(first.fail("late")).isFalse();
        assertThat(second.ack()).isTrue();
    }

    @Test
    void exhaustedLapsedClaimIsDeadLetteredOnTheNextClaim() {
        long id = queue.enqueue("x", EnqueueOptions.defaults().withMaxAttempts(2));
        queue.claimOne("w1").orElseThrow();
        clock.tick(Duration.ofSeconds(31));
        assertThat(queue.claimOne("w2").orElseThrow().attempts()).isEqualTo(2);
        clock.tick(Duration.ofSeconds(31));
        assertThat(queue.claimOne("w3")).isEmpty();
        DeadJob dead = queue.deadJobs(10).get(0);
        assertThat(dead.id()).isEqualTo(id);
        assertThat(dead.lastError()).isEqualTo("max attempts exceeded");
        assertThat(dead.attempts()).isEqualTo(2);
        assertThat(dead.maxAttempts()).isEqualTo(2);
        assertThat(dead.createdAt()).isEqualTo(Instant.ofEpochSecond(T0));
        assertThat(queue.getJob(id)).isEmpty();
    }

    @Test
    void retryReschedulesKeepingAttemptsAndDeadLettersOnTheLastAttempt() {
        long id = queue.enqueue("x", EnqueueOptions.defaults().withMaxAttempts(2));
        Job job = queue.claimOne("w").orElseThrow();
        assertThat(job.retry(Duration.ofSeconds(10), "boom 1")).isTrue();
        JobInfo info = queue.getJob(id).orElseThrow();
        assertThat(info.state()).isEqualTo(JobState.PENDING);
        assertThat(info.attempts()).isEqualTo(1);
        assertThat(info.runAt()).isEqualTo(Instant.ofEpochSecond(T0 + 10));
        assertThat(info.workerId()).isNull();
        assertThat(info.claimExpiresAt()).isNull();
        assertThat(queue.claimOne("w")).isEmpty();
        clock.tick(Duration.ofSeconds(10));
        Job again = queue.claimOne("w").orElseThrow();
        assertThat(again.retry(Duration.ofSeconds(10), "boom 2")).isTrue();
        assertThat(queue.getJob(id)).isEmpty();
        DeadJob dead = queue.deadJobs(1).get(0);
        assertThat(dead.lastError()).isEqualTo("boom 2");
        assertThat(dead.runAt()).as("the row's current run_at").isEqualTo(Instant.ofEpochSecond(T0 + 10));
    }

    @Test
    void failDeadLettersWhateverAttemptsRemain() {
        long id = queue.enqueue("x", EnqueueOptions.defaults().withMaxAttempts(10));
        Job job = queue.claimOne("w").orElseThrow();
        assertThat(job.fail("bad input")).isTrue();
        assertThat(queue.getJob(id)).isEmpty();
        assertThat(queue.deadJobs(5)).singleElement().satisfies(d -> {
            assertThat(d.lastError()).isEqualTo("bad input");
            assertThat(d.diedAt()).isEqualTo(Instant.ofEpochSecond(T0));
        });
    }

    @Test
    void heartbeatSetsTheLeaseFromNowAndCannotReviveALapsedClaim() {
        queue.enqueue("x");
        Job job = queue.claimOne("w").orElseThrow();
        clock.tick(Duration.ofSeconds(20));
        assertThat(job.heartbeat(Duration.ofSeconds(100))).isTrue();
        assertThat(queue.getJob(job.id()).orElseThrow().claimExpiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 120));
        clock.tick(Duration.ofSeconds(101));
        assertThat(job.heartbeat(Duration.ofSeconds(100))).isFalse();
    }

    @Test
    void releaseGivesAClaimBackAtOnceWithoutSpendingTheAttempt() {
        long first = queue.enqueue("a", EnqueueOptions.defaults().withMaxAttempts(1));
        long second = queue.enqueue("b");
        Job job = queue.claimOne("w").orElseThrow();
        assertThat(job.id()).isEqualTo(first);
        clock.tick(Duration.ofSeconds(5));
        assertThat(job.release()).isTrue();
        JobInfo info = queue.getJob(first).orElseThrow();
        assertThat(info.state()).isEqualTo(JobState.PENDING);
        assertThat(info.attempts()).as("the released claim does not count").isZero();
        assertThat(info.workerId()).isNull();
        assertThat(info.claimExpiresAt()).isNull();
        assertThat(info.runAt()).as("keeps its place").isEqualTo(Instant.ofEpochSecond(T0));
        assertThat(job.release()).as("only the holder of a valid claim").isFalse();
        Job again = queue.claimOne("other").orElseThrow();
        assertThat(again.id()).as("due at once, ahead of later jobs").isEqualTo(first);
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.ack()).as("its only attempt was not burned by the release").isTrue();
        assertThat(queue.deadJobs(5)).isEmpty();
        assertThat(queue.getJob(second)).isPresent();
    }

    @Test
    void releaseOfALapsedClaimChangesNothing() {
        long id = queue.enqueue("a");
        Job job = queue.claimOne("w").orElseThrow();
        clock.tick(Duration.ofSeconds(31));
        assertThat(job.release()).isFalse();
        assertThat(queue.getJob(id).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void cancelRemovesAJobWhoeverHoldsIt() {
        long claimed = queue.enqueue("a");
        long pending = queue.enqueue("b");
        assertThat(queue.claimBatch("w", 1)).extracting(Job::id).containsExactly(claimed);
        assertThat(queue.cancel(claimed)).isTrue();
        assertThat(queue.cancel(pending)).isTrue();
        assertThat(queue.cancel(pending)).isFalse();
        assertThat(queue.stats().pending() + queue.stats().processing()).isZero();
    }

    @Test
    void cancelOfAClaimedJobMakesItsAckFail() {
        queue.enqueue("a");
        Job job = queue.claimOne("w").orElseThrow();
        assertThat(queue.cancel(job.id())).isTrue();
        assertThat(job.ack()).isFalse();
    }

    @Test
    void getJobShowsAllTwelveColumns() {
        long id = queue.enqueue("x", EnqueueOptions.defaults().withPriority(2).withMaxAttempts(4));
        JobInfo info = queue.getJob(id).orElseThrow();
        assertThat(info).isEqualTo(new JobInfo(id, "emails", "\"x\"", JobState.PENDING, 2,
                Instant.ofEpochSecond(T0), null, null, 0, 4, Instant.ofEpochSecond(T0), null));
        assertThat(queue.getJob(id + 1000)).isEmpty();
    }

    @Test
    void sweepDeadLettersExpiredPendingJobs() {
        long id = queue.enqueue("x", EnqueueOptions.defaults().withExpiresIn(Duration.ofSeconds(10)));
        queue.enqueue("y");
        clock.tick(Duration.ofSeconds(9));
        assertThat(queue.sweepExpired()).isZero();
        clock.tick(Duration.ofSeconds(1));
        assertThat(queue.claimBatch("w", 10)).extracting(Job::payloadJson).containsExactly("\"y\"");
        assertThat(queue.sweepExpired()).isEqualTo(1);
        assertThat(queue.deadJobs(10)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(id);
            assertThat(d.lastError()).isEqualTo("expired");
        });
    }

    /** Spec section 4 item 1: upstream leaves such a row in _honker_live forever. */
    @Test
    void claimedJobThatExpiresWhileItsWorkerIsGoneLeavesTheLiveTable() {
        long viaClaim = queue.enqueue("x", EnqueueOptions.defaults().withExpiresIn(Duration.ofSeconds(60)));
        queue.claimOne("crashed").orElseThrow();
        Queue other = honker.queue("reports");
        long viaSweep = other.enqueue("y", EnqueueOptions.defaults().withExpiresIn(Duration.ofSeconds(60)));
        other.claimOne("crashed").orElseThrow();
        clock.tick(Duration.ofSeconds(400));

        assertThat(queue.claimOne("w")).isEmpty();
        assertThat(queue.getJob(viaClaim)).isEmpty();
        assertThat(queue.deadJobs(1)).singleElement().extracting(DeadJob::lastError).isEqualTo("expired");

        assertThat(other.sweepExpired()).isEqualTo(1);
        assertThat(other.getJob(viaSweep)).isEmpty();
        assertThat(other.deadJobs(1)).singleElement().extracting(DeadJob::lastError).isEqualTo("expired");
    }

    @Test
    void expiredJobWithAValidClaimStaysWithItsWorker() {
        long id = queue.enqueue("x", EnqueueOptions.defaults().withExpiresIn(Duration.ofSeconds(5)));
        Job job = queue.claimOne("w").orElseThrow();
        clock.tick(Duration.ofSeconds(10));
        assertThat(queue.sweepExpired()).isZero();
        assertThat(queue.claimOne("w2")).isEmpty();
        assertThat(queue.getJob(id)).isPresent();
        assertThat(job.ack()).isTrue();
    }

    /** A pending row with no attempts left (written by another binding) is swept, not claimed. */
    @Test
    void sweepDeadLettersPendingJobsWithNoAttemptsLeft() {
        long id = queue.enqueue("x");
        honker.jdbi().useHandle(h -> h.execute("UPDATE _honker_live SET max_attempts = 0 WHERE id = ?", id));
        assertThat(queue.claimOne("w")).isEmpty();
        assertThat(queue.sweepExpired()).isEqualTo(1);
        assertThat(queue.deadJobs(1)).singleElement().extracting(DeadJob::lastError)
                .isEqualTo("max attempts exceeded");
    }

    /** Spec section 4 item 16: upstream aborts the move when a dead row with the same id exists. */
    @Test
    void deadLetterSupersedesAStaleDeadRowWithTheSameId() {
        long id = queue.enqueue("new");
        honker.jdbi().useHandle(h -> h.execute("INSERT INTO _honker_dead (id, queue, payload, last_error)"
                + " VALUES (?, 'emails', '\"old\"', 'old error')", id));
        Job job = queue.claimOne("w").orElseThrow();
        assertThat(job.fail("new error")).isTrue();
        assertThat(queue.deadJobs(10)).singleElement().satisfies(d -> {
            assertThat(d.payload()).isEqualTo("\"new\"");
            assertThat(d.lastError()).isEqualTo("new error");
        });
    }

    @Test
    void enqueueAllInsertsInOrderInOneStatement() {
        List<Long> ids = queue.enqueueAll(List.of("a", Map.of("b", 1), 3, "it's \"quoted\""),
                EnqueueOptions.defaults().withPriority(1));
        assertThat(ids).hasSize(4).isSorted();
        assertThat(ids).extracting(id -> queue.getJob(id).orElseThrow().payload())
                .containsExactly("\"a\"", "{\"b\":1}", "3", "\"it's \\\"quoted\\\"\"");
        assertThat(queue.claimBatch("w", 10)).extracting(Job::id).containsExactlyElementsOf(ids);
        assertThat(queue.enqueueAll(List.of(), EnqueueOptions.defaults())).isEmpty();
    }

    @Test
    void ackBatchAcksOnlyValidClaimsOfThatWorker() {
        queue.enqueueAll(List.of(1, 2, 3), EnqueueOptions.defaults());
        List<Job> jobs = queue.claimBatch("w", 3);
        List<Long> ids = jobs.stream().map(Job::id).toList();
        assertThat(queue.ackBatch(ids, "someone-else")).isZero();
        assertThat(queue.ackBatch(List.of(ids.get(0), ids.get(1)), "w")).isEqualTo(2);
        clock.tick(Duration.ofSeconds(31));
        assertThat(queue.ackBatch(ids, "w")).as("lease lapsed").isZero();
    }

    @Test
    void ackBatchIdsSaysWhichJobsItAcked() {
        JdbiQueue jq = (JdbiQueue) queue;
        queue.enqueueAll(List.of(1, 2, 3), EnqueueOptions.defaults());
        List<Long> ids = queue.claimBatch("w", 3).stream().map(Job::id).toList();
        assertThat(jq.ackBatchIds(ids, "someone-else")).isEmpty();
        assertThat(jq.ackBatchIds(List.of(ids.get(0), ids.get(1)), "w")).containsExactlyInAnyOrder(ids.get(0),
                ids.get(1));
        assertThat(jq.ackBatchIds(ids, "w")).as("the first two are gone").containsExactly(ids.get(2));
        assertThat(jq.ackBatchIds(List.of(), "w")).isEmpty();
        long late = queue.enqueue(4);
        queue.claimOne("w").orElseThrow();
        clock.tick(Duration.ofSeconds(31));
        assertThat(jq.ackBatchIds(List.of(late), "w")).as("lease lapsed").isEmpty();
    }

    @Test
    void claimBatchInJoinsTheCallersTransactionAndBindsTheJobsToTheQueue() {
        JdbiQueue jq = (JdbiQueue) queue;
        queue.enqueueAll(List.of(1, 2, 3), EnqueueOptions.defaults());
        assertThatThrownBy(() -> honker.jdbi().useTransaction(h -> {
            assertThat(jq.claimBatchIn(session(h), "w", 2)).hasSize(2);
            throw new IllegalStateException("roll back");
        })).hasMessageContaining("roll back");
        assertThat(queue.stats().pending()).as("rolled back with the caller's transaction").isEqualTo(3);
        List<Job> jobs = honker.jdbi().inTransaction(h -> jq.claimBatchIn(session(h), "w", 2));
        assertThat(jobs).extracting(Job::workerId).containsOnly("w");
        assertThat(queue.stats().processing()).isEqualTo(2);
        assertThat(jobs.get(0).ack()).as("acks after that handle is gone").isTrue();
        assertThat(queue.stats().processing()).isEqualTo(1);
    }

    private static Session session(Handle h) {
        return new Session() {
            @Override
            public Handle handle() {
                return h;
            }

            @Override
            public <T> T dao(Class<T> type) {
                return h.attach(type);
            }
        };
    }

    @Test
    void statsCountPendingProcessingDeadAndOldestDueAge() {
        queue.enqueue("a");
        clock.tick(Duration.ofSeconds(5));
        queue.enqueue("b");
        queue.enqueue("later", EnqueueOptions.defaults().withDelay(Duration.ofHours(1)));
        queue.claimOne("w").orElseThrow().fail("x");
        queue.claimOne("w").orElseThrow();
        clock.tick(Duration.ofSeconds(7));
        QueueStats stats = queue.stats();
        assertThat(stats).isEqualTo(new QueueStats("emails", 1, 1, 1, Duration.ZERO));
        queue.enqueue("c");
        clock.tick(Duration.ofSeconds(3));
        assertThat(queue.stats().oldestPendingAge()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void requeueDeadMakesAFreshLiveJobAndRemovesTheDeadRow() {
        long id = queue.enqueue("x", EnqueueOptions.defaults().withPriority(4).withMaxAttempts(1));
        queue.claimOne("w").orElseThrow().fail("oops");
        clock.tick(Duration.ofSeconds(100));
        long fresh = queue.requeueDead(id).orElseThrow();
        assertThat(fresh).isGreaterThan(id);
        assertThat(queue.deadJobs(10)).isEmpty();
        JobInfo info = queue.getJob(fresh).orElseThrow();
        assertThat(info.attempts()).isZero();
        assertThat(info.priority()).isEqualTo(4);
        assertThat(info.maxAttempts()).isEqualTo(1);
        assertThat(info.runAt()).isEqualTo(Instant.ofEpochSecond(T0 + 100));
        assertThat(queue.requeueDead(id)).isEmpty();
        assertThat(honker.queue("other").requeueDead(fresh)).isEmpty();
    }

    @Test
    void purgeDeletesPendingJobsOnlyAndPurgeDeadDeletesDeadOnes() {
        queue.enqueueAll(List.of(1, 2, 3), EnqueueOptions.defaults());
        Job running = queue.claimOne("w").orElseThrow();
        honker.queue("other").enqueue("keep");
        assertThat(queue.purge()).isEqualTo(2);
        assertThat(running.fail("x")).isTrue();
        assertThat(queue.purgeDead()).isEqualTo(1);
        assertThat(honker.queue("other").stats().pending()).isEqualTo(1);
    }

    @Test
    void queuesAreIsolated() {
        honker.queue("a").enqueue(1);
        assertThat(honker.queue("b").claimOne("w")).isEmpty();
        assertThat(honker.queue("a").claimOne("w")).isPresent();
    }

    @Test
    void enqueueJsonStoresTextAsGivenAndRejectsMalformedJson() {
        long id = queue.enqueueJson("{\"a\": [1, 2]}", EnqueueOptions.defaults());
        assertThat(queue.getJob(id).orElseThrow().payload()).isEqualTo("{\"a\": [1, 2]}");
        assertThatThrownBy(() -> queue.enqueueJson("{\"a\": ", EnqueueOptions.defaults()))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("{\"a\": ");
        assertThatThrownBy(() -> queue.enqueueJson("{} trailing", EnqueueOptions.defaults()))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("{} trailing");
        assertThat(queue.stats().pending()).isEqualTo(1);
    }

    @Test
    void badArgumentsAreRejectedNamingTheValueAndWriteNothing() {
        assertThatThrownBy(() -> queue.claimBatch("w", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> queue.claimBatch("w", -1)).hasMessageContaining("got -1");
        assertThatThrownBy(() -> queue.claimOne(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("worker id").hasMessageContaining("' '");
        assertThatThrownBy(() -> honker.queue("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue name");
        assertThatThrownBy(() -> EnqueueOptions.defaults().withDelay(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-5S");
        assertThatThrownBy(() -> EnqueueOptions.defaults().withExpiresIn(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> EnqueueOptions.defaults().withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> QueueOptions.defaults().withVisibilityTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> QueueOptions.fromMap(Map.of("visibility_timeout", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visibility_timeout");
        assertThatThrownBy(() -> QueueOptions.fromMap(Map.of("max_attempts", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lots");
        assertThat(QueueOptions.fromMap(Map.of("visibility_timeout_s", 60, "max_attempts", "5")))
                .isEqualTo(new QueueOptions(Duration.ofSeconds(60), 5));
        queue.enqueue("x");
        Job job = queue.claimOne("w").orElseThrow();
        assertThatThrownBy(() -> job.retry(Duration.ofSeconds(-1), "e")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> job.heartbeat(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
        assertThat(queue.getJob(job.id()).orElseThrow().state()).isEqualTo(JobState.PROCESSING);
    }

    @Test
    void unencodablePayloadIsRejected() {
        Object selfReferencing = new Object() {
            public Object getSelf() {
                return this;
            }
        };
        assertThatThrownBy(() -> queue.enqueue(selfReferencing)).isInstanceOf(InvalidPayloadException.class);
        assertThat(queue.stats().pending()).isZero();
    }

    @Test
    void undecodablePayloadNamesTheText() {
        queue.enqueue(Map.of("to", 5));
        Job job = queue.claimOne("w").orElseThrow();
        assertThatThrownBy(() -> job.payload(Integer.class)).isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("{\"to\":5}");
    }
}
