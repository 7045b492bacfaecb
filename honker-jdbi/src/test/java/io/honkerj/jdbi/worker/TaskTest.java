package io.honkerj.jdbi.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.DeadJob;
import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.JobState;
import io.honkerj.api.Queue;
import io.honkerj.api.TaskQueue;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tasks in upstream's format. The envelopes written by hand below are byte for byte what Python's
 * {@code @db.task} enqueues ({@code json.dumps} of {@code {"__honker_task__": {"task", "args", "kwargs"}}},
 * with its default ", " and ": " separators).
 */
class TaskTest {
    static final long T0 = 1_700_000_000L;
    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final HonkerExtension db = database();

    /** The database each test runs on: a SQLite file here, PostgreSQL in the {@code Postgres} subclass. */
    HonkerExtension database() {
        return new HonkerExtension(T0);
    }

    SettableClock clock;
    JdbiHonker honker;
    Queue queue;
    WorkerPool pool;

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
        queue = honker.queue(TaskQueue.DEFAULT_QUEUE);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdown(Duration.ofSeconds(10));
        }
    }

    private void startAdder() {
        pool = honker.workers()
                .task("default", "myapp.tasks.add", call -> {
                    int sum = call.<Integer>arg(0, Integer.class) + call.<Integer>arg(1, Integer.class);
                    Integer scale = call.kwarg("scale", Integer.class);
                    return scale == null ? sum : sum * scale;
                })
                .task("default", "myapp.tasks.noop", call -> null)
                .start();
    }

    @Test
    void javaEnqueuesTheEnvelopeUpstreamWorkersRead() {
        long id = honker.tasks("default").enqueue("myapp.tasks.add", List.of(2, 3), Map.of("scale", 10),
                EnqueueOptions.defaults().withMaxAttempts(2));
        Map<String, Object> payload = honker.codec().decode(queue.getJob(id).orElseThrow().payload(), Map.class);
        assertThat(payload).containsOnlyKeys("__honker_task__");
        assertThat(payload.get("__honker_task__")).isEqualTo(Map.of(
                "task", "myapp.tasks.add", "args", List.of(2, 3), "kwargs", Map.of("scale", 10)));
        assertThat(queue.getJob(id).orElseThrow().payload())
                .as("keys in Python's order").startsWith("{\"__honker_task__\":{\"task\":");
        assertThat(queue.getJob(id).orElseThrow().maxAttempts()).as("upstream's retries = max_attempts").isEqualTo(2);
    }

    @Test
    void aPythonEnqueuedTaskRunsAndItsResultIsStoredForThePythonCaller() {
        long id = queue.enqueueJson("{\"__honker_task__\": {\"task\": \"myapp.tasks.add\", \"args\": [2, 3], "
                + "\"kwargs\": {\"scale\": 10}}}", EnqueueOptions.defaults());
        long none = queue.enqueueJson("{\"__honker_task__\": {\"task\": \"myapp.tasks.noop\", \"args\": [], "
                + "\"kwargs\": {}}}", EnqueueOptions.defaults());
        long bare = queue.enqueueJson("{\"__honker_task__\": {\"task\": \"myapp.tasks.add\", \"args\": [4, 5]}}",
                EnqueueOptions.defaults());
        startAdder();
        Await.until(WAIT, "all ran", () -> queue.stats().pending() + queue.stats().processing() == 0);
        assertThat(honker.results().getJson(id)).contains("50");
        assertThat(honker.results().getJson(none)).as("None is stored as null, as upstream").contains("null");
        assertThat(honker.results().getJson(bare)).as("missing kwargs are empty").contains("9");
        long expires = db.one("SELECT expires_at FROM _honker_results WHERE job_id = " + id, Long.class);
        assertThat(expires).as("upstream's task result ttl").isEqualTo(T0 + 3600);
        assertThat(queue.deadJobs(5)).isEmpty();
    }

    @Test
    void anUnknownTaskOrARawPayloadIsDeadLetteredAtOnceWithUpstreamsError() {
        long unknown = queue.enqueueJson("{\"__honker_task__\": {\"task\": \"myapp.removed_function\", "
                + "\"args\": [], \"kwargs\": {}}}", EnqueueOptions.defaults().withMaxAttempts(3));
        long raw = queue.enqueue(Map.of("just", "data"), EnqueueOptions.defaults().withMaxAttempts(3));
        startAdder();
        Await.until(WAIT, "both dead", () -> queue.deadJobs(5).size() == 2);
        Map<Long, DeadJob> dead = new java.util.HashMap<>();
        queue.deadJobs(5).forEach(d -> dead.put(d.id(), d));
        assertThat(dead.get(unknown).lastError()).isEqualTo(
                "unknown task: 'myapp.removed_function'. Registered tasks: ['myapp.tasks.add', 'myapp.tasks.noop']");
        assertThat(dead.get(unknown).attempts()).isEqualTo(1);
        assertThat(dead.get(raw).lastError()).isEqualTo("raw (non-decorated) payload on a decorated-task queue");
    }

    @Test
    void aFailingTaskRetriesAfterUpstreamsConstantSixtySecondsUntilItsRetriesAreUsed() {
        long id = honker.tasks("default").enqueue("myapp.tasks.add", List.of("two"), Map.of(),
                EnqueueOptions.defaults().withMaxAttempts(2));
        startAdder();
        Await.until(WAIT, "retried", () -> queue.getJob(id).map(j -> j.state() == JobState.PENDING
                && j.attempts() == 1).orElse(false));
        assertThat(queue.getJob(id).orElseThrow().runAt()).isEqualTo(Instant.ofEpochSecond(T0 + 60));
        clock.tick(Duration.ofSeconds(60));
        Await.until(WAIT, "dead", () -> queue.getJob(id).isEmpty());
        assertThat(queue.deadJobs(1).get(0).lastError()).contains("InvalidPayloadException").contains("two");
        assertThat(honker.results().getJson(id)).as("nothing saved on failure").isEmpty();
    }

    @Test
    void taskRegistrationConflictsAreRejected() {
        assertThatThrownBy(() -> honker.workers().task("q", "a", c -> null).task("q", "a", c -> null))
                .hasMessageContaining("'a'").hasMessageContaining("'q'");
        assertThatThrownBy(() -> honker.workers().handle("q", String.class, (p, j) -> null).task("q", "a", c -> null))
                .hasMessageContaining("'q'");
        assertThatThrownBy(() -> honker.workers().task("q", "a", c -> null).handle("q", String.class, (p, j) -> null))
                .hasMessageContaining("'q'");
        assertThatThrownBy(() -> honker.workers().task("q", "a", c -> null)
                .taskOptions("other", WorkerOptions.defaults()).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'other'");
        assertThatThrownBy(() -> honker.tasks("q").enqueue(" ", List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
