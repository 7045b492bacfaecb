package io.honkerj.jdbi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.JobInfo;
import io.honkerj.api.JobState;
import io.honkerj.api.Queue;
import io.honkerj.api.RetryPolicy;
import io.honkerj.api.WorkerOptions;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.worker.Drained;
import io.honkerj.jdbi.worker.ManualWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ManualWorker, SettableClock and QueueAssertions: the helpers shipped for users' tests. */
class TestingHelpersTest {
    static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

    @TempDir
    Path dir;
    SettableClock clock;
    JdbiHonker honker;

    record Email(String to, String template) {}

    @BeforeEach
    void open() {
        clock = SettableClock.at(T0);
        honker = Honkers.builder(dir.resolve("t.db")).clock(clock).open();
    }

    @AfterEach
    void close() {
        honker.close();
    }

    @Test
    void drainRunsEveryDueJobOnThisThreadAndCountsHowEachEnded() {
        Queue q = honker.queue("q");
        q.enqueueAll(List.of(1, 2, 3, 4), EnqueueOptions.defaults().withMaxAttempts(2));
        q.enqueue(5, EnqueueOptions.defaults().withDelay(Duration.ofMinutes(1)));
        List<Integer> ran = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        ManualWorker worker = honker.workers()
                .handle("q", Integer.class, WorkerOptions.defaults()
                        .withRetry(RetryPolicy.exponential(Duration.ofSeconds(10), Duration.ofSeconds(10))), (n, job) -> {
                            assertThat(Thread.currentThread()).isSameAs(caller);
                            ran.add(n);
                            if (n % 2 == 0) {
                                throw new IllegalStateException("even " + n);
                            }
                            return n;
                        })
                .manual();
        assertThat(worker.drain("q")).isEqualTo(new Drained(2, 2, 0, 0));
        assertThat(ran).containsExactly(1, 2, 3, 4);
        assertThat(worker.drain("q")).as("retries not due yet").isEqualTo(new Drained(0, 0, 0, 0));

        clock.tick(Duration.ofMinutes(1));
        Drained second = worker.drain("q");
        assertThat(second).isEqualTo(new Drained(1, 0, 2, 0));
        assertThat(second.total()).isEqualTo(3);
        assertThat(q.deadJobs(5)).hasSize(2);
        assertThat(honker.results().getJson(q.deadJobs(5).get(0).id())).isEmpty();
        QueueAssertions.assertEnqueuedCount(q, 0);
    }

    @Test
    void drainAllFollowsJobsOneHandlerEnqueuesForAnother() {
        honker.jdbi().useHandle(h -> h.execute("CREATE TABLE sent (email TEXT)"));
        honker.queue("signups").enqueue("dave@example.com");
        ManualWorker worker = honker.workers()
                .handle("signups", String.class, (email, job) -> honker.queue("emails")
                        .enqueue(new Email(email, "welcome")))
                .handleInTransaction("emails", Email.class, WorkerOptions.defaults(), (email, job, handle) ->
                        handle.execute("INSERT INTO sent (email) VALUES (?)", email.to()))
                .manual();
        assertThat(worker.queues()).containsExactlyInAnyOrder("signups", "emails");
        assertThat(worker.drainAll()).isEqualTo(new Drained(2, 0, 0, 0));
        List<String> sent = honker.jdbi().withHandle(h -> h.createQuery("SELECT email FROM sent")
                .mapTo(String.class).list());
        assertThat(sent).containsExactly("dave@example.com");
        assertThatThrownBy(() -> worker.drain("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void assertionsCompareJsonValuesAndListWhatIsThereOnFailure() {
        Queue emails = honker.queue("emails");
        long id = emails.enqueue(new Email("erin@example.com", "welcome"), EnqueueOptions.defaults().withPriority(3));
        JobInfo job = QueueAssertions.assertEnqueued(emails, Map.of("template", "welcome", "to", "erin@example.com"));
        assertThat(job.id()).isEqualTo(id);
        assertThat(job.priority()).isEqualTo(3);
        assertThat(job.state()).isEqualTo(JobState.PENDING);
        QueueAssertions.refuteEnqueued(emails, new Email("erin@example.com", "goodbye"));
        assertThatThrownBy(() -> QueueAssertions.assertEnqueued(emails, new Email("frank@example.com", "welcome")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("frank@example.com").hasMessageContaining("erin@example.com");
        assertThatThrownBy(() -> QueueAssertions.refuteEnqueued(emails, new Email("erin@example.com", "welcome")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("job " + id);
        assertThatThrownBy(() -> QueueAssertions.assertEnqueuedCount(emails, 2))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected 2 jobs");
        assertThat(QueueAssertions.enqueued(emails)).extracting(JobInfo::id).containsExactly(id);
    }

    @Test
    void theSettableClockOnlyMovesForward() {
        clock.tick(Duration.ofSeconds(5));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(5));
        assertThatThrownBy(() -> clock.tick(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
        clock.set(T0);
        assertThat(clock.instant()).isEqualTo(T0);
    }
}
