package io.honkerj.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.DeadJob;
import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Enqueued;
import io.honkerj.api.Job;
import io.honkerj.api.Listener;
import io.honkerj.api.Lock;
import io.honkerj.api.Notification;
import io.honkerj.api.Queue;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.QueueStats;
import io.honkerj.api.RateLimitDecision;
import io.honkerj.api.RateLimiter;
import io.honkerj.api.ScheduledTask;
import io.honkerj.api.ScheduledTaskInfo;
import io.honkerj.api.MisfirePolicy;
import io.honkerj.api.Scheduler;
import io.honkerj.api.SchedulerListener;
import io.honkerj.api.SkippedBoundaries;
import io.honkerj.api.Stream;
import io.honkerj.api.StreamEvent;
import io.honkerj.api.Subscription;
import io.honkerj.api.RetryPolicy;
import io.honkerj.api.WorkerListener;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.testing.QueueAssertions;
import io.honkerj.jdbi.testing.SettableClock;
import io.honkerj.jdbi.worker.Drained;
import io.honkerj.jdbi.worker.ManualWorker;
import io.honkerj.jdbi.metrics.HonkerMetrics;
import io.honkerj.jdbi.move.Copied;
import io.honkerj.jdbi.move.HonkerCopy;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples live here, between {@code // tag::name[]} and {@code // end::name[]}, where
 * they compile and run; {@link #readmeShowsEveryExampleVerbatim()} checks the README carries each one
 * exactly, so the README cannot rot.
 */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    record Email(String to, String template) {}

    @Test
    void quickStart() {
        Path path = dir.resolve("app.db");
        // tag::quickstart[]
        record Email(String to, String template) {}

        try (JdbiHonker honker = Honkers.open(path)) {
            Queue emails = honker.queue("emails");
            emails.enqueue(new Email("alice@example.com", "welcome"));

            Job job = emails.claimOne("worker-1").orElseThrow();
            Email email = job.payload(Email.class);
            System.out.println("sending " + email.template() + " to " + email.to());
            job.ack();
        }
        // end::quickstart[]
        try (JdbiHonker honker = Honkers.open(path)) {
            assertThat(honker.queue("emails").stats().pending()).isZero();
        }
    }

    @Test
    void enqueueInTheBusinessTransaction() {
        Path path = dir.resolve("shop.db");
        try (JdbiHonker honker = Honkers.open(path)) {
            honker.jdbi().useHandle(h -> h.execute(
                    "CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT NOT NULL, total INTEGER NOT NULL)"));
            // tag::transaction[]
            long orderId = honker.inTransaction((handle, tx) -> {
                long id = handle.createUpdate("INSERT INTO orders (email, total) VALUES (:email, :total)")
                        .bind("email", "bob@example.com").bind("total", 4200)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                tx.queue("emails").enqueue(Map.of("order_id", id, "template", "receipt"));
                return id; // commit: the order and its email job, together
            });
            // A failure rolls back both: no order without its email, no email without its order.
            // end::transaction[]
            assertThat(honker.queue("emails").claimOne("w").orElseThrow().payloadJson())
                    .contains("\"order_id\":" + orderId);
        }
    }

    @Test
    void yourOwnJdbi() {
        Path path = dir.resolve("yours.db");
        // tag::own-jdbi[]
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + path).installPlugin(new HonkerPlugin());
        jdbi.useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT)"));
        JdbiHonker honker = JdbiHonker.create(jdbi); // creates honker's tables if missing

        jdbi.useTransaction(handle -> {
            handle.execute("INSERT INTO users (email) VALUES ('carol@example.com')");
            JdbiHonker.attach(handle).queue("emails").enqueue(Map.of("to", "carol@example.com"));
        });
        // end::own-jdbi[]
        assertThat(honker.queue("emails").stats().pending()).isEqualTo(1);
        honker.close();
    }

    @Test
    void yourOwnJdbiOnAPool() {
        Path path = dir.resolve("pooled.db");
        Jdbi.create("jdbc:sqlite:" + path).useHandle(h -> h.execute(
                "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)"));
        // tag::own-jdbi-pool[]
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + path);
        config.setMaximumPoolSize(8); // honker keeps up to 2 of these for its own work while it is open
        HikariDataSource pool = new HikariDataSource(config);
        Jdbi jdbi = Jdbi.create(pool).installPlugin(new HonkerPlugin());
        JdbiHonker honker = JdbiHonker.create(jdbi);

        jdbi.useTransaction(handle -> {
            handle.execute("INSERT INTO users (email) VALUES ('erin@example.com')");
            JdbiHonker.attach(handle).queue("emails").enqueue(Map.of("to", "erin@example.com"));
        });
        // end::own-jdbi-pool[]
        assertThat(honker.queue("emails").claimOne("w").orElseThrow().payloadJson()).contains("erin@example.com");
        honker.close();
        pool.close();
    }

    @Test
    void joinQueueTablesAgainstBusinessTables() {
        Path path = dir.resolve("join.db");
        try (JdbiHonker honker = Honkers.open(path)) {
            honker.jdbi().useHandle(h -> h.execute(
                    "CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT NOT NULL, total INTEGER NOT NULL)"));
            honker.inTransaction((h, tx) -> {
                h.execute("INSERT INTO orders (id, email, total) VALUES (7, 'dave@example.com', 900)");
                return tx.queue("emails").enqueue(Map.of("order_id", 7, "template", "receipt"));
            });
            // tag::join[]
            List<Map<String, Object>> waiting = honker.jdbi().withHandle(h -> h.createQuery("""
                    SELECT o.id, o.email, j.state, j.attempts
                    FROM _honker_live j
                    JOIN orders o ON o.id = json_extract(j.payload, '$.order_id')
                    WHERE j.queue = 'emails'
                    """).mapToMap().list());
            // end::join[]
            assertThat(waiting).singleElement().satisfies(row -> {
                assertThat(row).containsEntry("email", "dave@example.com").containsEntry("state", "pending");
            });
        }
    }

    @Test
    void retriesAndDeadLetters() {
        Path path = dir.resolve("retry.db");
        SettableClock clock = SettableClock.at(java.time.Instant.ofEpochSecond(1_800_000_000L));
        try (JdbiHonker honker = Honkers.builder(path).clock(clock).open()) {
            // tag::options[]
            Queue reports = honker.queue("reports",
                    QueueOptions.defaults().withVisibilityTimeout(Duration.ofMinutes(5)).withMaxAttempts(5));
            long id = reports.enqueue(Map.of("report", "monthly"), EnqueueOptions.defaults()
                    .withDelay(Duration.ofMinutes(10))      // due in 10 minutes
                    .withPriority(10)                       // higher runs first
                    .withMaxAttempts(2)                     // overrides the queue's 5
                    .withExpiresIn(Duration.ofHours(1)));   // dropped as 'expired' if not done by then
            // end::options[]
            clock.tick(Duration.ofMinutes(10));
            // tag::retry[]
            Job job = reports.claimOne("worker-1").orElseThrow();
            try {
                throw new IllegalStateException("renderer unavailable");
            } catch (RuntimeException e) {
                job.retry(Duration.ofSeconds(30), e.getMessage()); // pending again in 30 s, or dead if out of attempts
            }
            // ... later, after the last attempt failed too:
            for (DeadJob dead : reports.deadJobs(10)) {
                System.out.println(dead.id() + " died: " + dead.lastError());
                reports.requeueDead(dead.id()); // a fresh job with a new id, attempts reset
            }
            QueueStats stats = reports.stats(); // pending, processing, dead, oldest pending age
            // end::retry[]
            assertThat(job.id()).isEqualTo(id);
            assertThat(stats.pending()).isEqualTo(1);
            clock.tick(Duration.ofSeconds(30));
            Job second = reports.claimOne("worker-1").orElseThrow();
            assertThat(second.retry(Duration.ZERO, "still down")).isTrue();
            assertThat(reports.deadJobs(10)).singleElement().extracting(DeadJob::lastError).isEqualTo("still down");
            assertThat(reports.requeueDead(second.id())).isPresent();
            assertThat(reports.claimOne("w").orElseThrow().runAt()).isEqualTo(Instant.ofEpochSecond(1_800_000_630L));
        }
    }

    @Test
    void blockingClaims() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("worker.db"))) {
            Queue emails = honker.queue("emails");
            Thread producer = new Thread(() -> emails.enqueue(new Email("erin@example.com", "welcome")));
            producer.start();
            // tag::claim-waker[]
            try (ClaimWaker waker = emails.claimWaker()) {
                Job job = waker.next("worker-1"); // blocks until a job is claimable: no polling loop
                job.ack();
            }
            // end::claim-waker[]
            producer.join();
            assertThat(emails.stats().pending()).isZero();
        }
    }

    @Test
    void notifyAndListen() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("notify.db"))) {
            // tag::notify[]
            try (Listener listener = honker.listen("orders")) {
                honker.notify("orders", Map.of("id", 42, "status", "paid")); // any process, any binding
                Notification n = listener.recv(Duration.ofSeconds(5)).orElseThrow();
                System.out.println(n.channel() + ": " + n.payload()); // orders: {"id":42,"status":"paid"}
            }
            // end::notify[]
        }
    }

    @Test
    void durableStreams() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("stream.db"))) {
            // tag::stream[]
            Stream orders = honker.stream("orders");
            orders.publish("order-42", Map.of("status", "paid"));

            try (Subscription billing = orders.subscribe("billing")) { // resumes after billing's saved offset
                StreamEvent event = billing.next(Duration.ofSeconds(5)).orElseThrow();
                System.out.println(event.offset() + " " + event.key() + " " + event.payload());
            } // close saves the offset of what was handed out: at-least-once
            // end::stream[]
            assertThat(orders.getOffset("billing")).isPositive();
        }
    }

    @Test
    void locksRateLimitsResults() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("coord.db"))) {
            Queue reports = honker.queue("reports");
            long jobId = reports.enqueue(Map.of("report", "monthly"));
            // tag::coordination[]
            try (Lock lock = honker.tryLock("nightly-export", "host-a", Duration.ofMinutes(5)).orElseThrow()) {
                lock.heartbeat(Duration.ofMinutes(5)); // throws LockNotHeldException if another owner took it
            } // released

            RateLimiter smtp = honker.rateLimiter("smtp", 100, Duration.ofMinutes(1));
            RateLimitDecision d = smtp.tryAcquireDecision();
            if (!d.allowed()) {
                System.out.println("Retry-After: " + d.retryAfter(Instant.now()).toSeconds());
            }

            Job job = reports.claimOne("worker-1").orElseThrow();
            job.ack(Map.of("url", "s3://reports/monthly.pdf"), Duration.ofHours(1)); // result + ack, one transaction
            Optional<String> result = honker.results().awaitJson(job.id(), Duration.ofSeconds(30));
            // end::coordination[]
            assertThat(job.id()).isEqualTo(jobId);
            assertThat(result).contains("{\"url\":\"s3://reports/monthly.pdf\"}");
        }
    }

    @Test
    void cronScheduler() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("cron.db"))) {
            // tag::scheduler[]
            Scheduler scheduler = honker.scheduler(); // cron read in the system zone; scheduler(zone) to choose
            scheduler.add(ScheduledTask.of("nightly-report", "reports", "0 3 * * *", Map.of("report", "daily"))
                    .withPriority(5).withExpires(Duration.ofHours(1)));
            scheduler.add(ScheduledTask.of("heartbeat", "ops", "@every 30s", Map.of("kind", "ping")));

            // In every process that may lead: only the holder of the 'honker-scheduler' lock enqueues.
            AtomicBoolean stop = new AtomicBoolean();
            Thread leader = new Thread(() -> {
                try {
                    scheduler.run("host-a", stop::get);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            leader.start();
            // ... on shutdown:
            stop.set(true);
            leader.join();
            // end::scheduler[]
            assertThat(scheduler.list()).extracting(ScheduledTaskInfo::name).containsExactly("heartbeat", "nightly-report");
        }
    }

    @Test
    void cronSchedulerOptions() {
        try (JdbiHonker honker = Honkers.open(dir.resolve("cron-options.db"))) {
            // tag::scheduler-options[]
            Scheduler reports = honker.schedulerBuilder()
                    .leaderTtl(Duration.ofSeconds(15))         // a dead leader is replaced within 17 s (default 60 s)
                    .misfirePolicy(MisfirePolicy.FIRE_LATEST)  // after an outage: once, not once per missed boundary
                    .listener(new SchedulerListener() {
                        @Override
                        public void skipped(SkippedBoundaries s) {
                            System.err.println(s.name() + ": " + s.count() + " boundaries skipped from " + s.first());
                        }
                    })
                    .build();
            reports.add(ScheduledTask.of("cache-refresh", "ops", "*/5 * * * *", Map.of("cache", "prices")));
            // end::scheduler-options[]
            Instant anHourLate = reports.list().get(0).nextFireAt().plus(Duration.ofHours(1));
            assertThat(reports.tick(anHourLate)).as("an hour of boundaries missed: one fire").hasSize(1);
        }
    }

    @Test
    void workerPool() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("workers.db"))) {
            List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
            honker.queue("emails").enqueue(new Email("alice@example.com", "welcome"));
            // tag::workers[]
            WorkerPool pool = honker.workers()
                    .handle("emails", Email.class, WorkerOptions.defaults()
                            .withConcurrency(4)                                  // 4 emails at once
                            .withClaimBatch(16)                                  // claim up to 16 per transaction
                            .withLease(Duration.ofMinutes(1))                    // heartbeated every 20 s
                            .withRetry(RetryPolicy.exponential(Duration.ofSeconds(5), Duration.ofMinutes(10)))
                            .withRateLimit(100, Duration.ofMinutes(1)),          // across every process
                            (email, job) -> {
                                sent.add(email.to());                            // your code; throw to retry
                                return Map.of("sent", true);                     // stored as the job's result
                            })
                    .listener(new WorkerListener() {
                        @Override
                        public void jobDeadLettered(Job job, Duration took, Throwable error) {
                            System.err.println(job + " gave up: " + error);
                        }
                    })
                    .shutdownHook(Duration.ofSeconds(30))                        // SIGTERM stops it gracefully
                    .start();
            // end::workers[]
            Await.until(Duration.ofSeconds(30), "sent", () -> sent.size() == 1);
            // tag::workers-control[]
            // ...
            pool.pause("emails");                                                // e.g. while the SMTP relay is down
            pool.resume("emails");
            pool.shutdown(Duration.ofSeconds(30)); // running jobs finish; unfinished ones go back, attempt not spent
            // end::workers-control[]
            assertThat(sent).containsExactly("alice@example.com");
        }
    }

    @Test
    void metrics() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("metrics.db"))) {
            List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
            honker.queue("emails").enqueue(new Email("alice@example.com", "welcome"));
            // tag::metrics[]
            MeterRegistry registry = new SimpleMeterRegistry();              // or your Prometheus/OTLP registry
            HonkerMetrics metrics = HonkerMetrics.install(honker, registry); // gauges read from the file
            WorkerPool pool = honker.workers()
                    .handle("emails", Email.class, (email, job) -> sent.add(email.to()))
                    .listener(metrics)                                       // counters and timers of its jobs
                    .start();
            Scheduler scheduler = honker.schedulerBuilder().listener(metrics).build(); // fires, skipped boundaries
            // end::metrics[]
            Await.until(Duration.ofSeconds(30), "sent", () -> registry.find("honker.jobs.completed").counter() != null);
            pool.shutdown(Duration.ofSeconds(30));
            metrics.refresh();
            assertThat(registry.get("honker.jobs.completed").tags("queue", "emails", "outcome", "succeeded").counter()
                    .count()).isEqualTo(1);
            assertThat(registry.get("honker.jobs").tags("queue", "emails", "state", "pending").gauge().value()).isZero();
            assertThat(registry.get("honker.job.duration").timer().count()).isEqualTo(1);
            scheduler.add(ScheduledTask.of("digest", "emails", "@every 1h", 0));
            scheduler.tick(java.time.Instant.now().plus(Duration.ofHours(1)));
            assertThat(registry.get("honker.scheduler.fires").tags("task", "digest").counter().count()).isEqualTo(1);
            metrics.close();
        }
    }

    @Test
    void outboxAndTasks() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("outbox.db"))) {
            honker.jdbi().useHandle(h -> h.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT)"));
            List<Object> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
            // tag::outbox[]
            honker.inTransaction((handle, tx) -> {
                handle.execute("INSERT INTO orders (id, item) VALUES (?, ?)", 42, "book");
                return tx.outbox("order-events").enqueue(Map.of("order", 42, "event", "created"));
            }); // the event exists if and only if the order does

            WorkerPool pool = honker.workers()
                    .outbox("order-events", Map.class, (event, job) -> delivered.add(event)) // e.g. POST a webhook
                    .start();
            // end::outbox[]
            Await.until(Duration.ofSeconds(30), "delivered", () -> delivered.size() == 1);
            pool.close();
            assertThat(delivered).containsExactly(Map.of("order", 42, "event", "created"));

            // tag::tasks[]
            // Java runs a task a Python app enqueues with `send_welcome.delay("alice@example.com")`
            // (a Python task's name is its module.qualname, or the name given to @db.task):
            WorkerPool tasks = honker.workers()
                    .task("default", "myapp.tasks.send_welcome", call -> {
                        String to = call.arg(0, String.class);
                        return "sent to " + to;                    // stored for an hour; Python's .get() reads it
                    })
                    .start();

            // ... and enqueues tasks a Python worker (or this pool) runs:
            long id = honker.tasks("default").enqueue("myapp.tasks.send_welcome", List.of("bob@example.com"), Map.of());
            Optional<String> result = honker.results().awaitJson(id, Duration.ofSeconds(30)); // "\"sent to bob@...\""
            // end::tasks[]
            tasks.close();
            assertThat(result).contains("\"sent to bob@example.com\"");
        }
    }

    @Test
    void uniqueJobs() {
        try (JdbiHonker honker = Honkers.open(dir.resolve("unique.db"))) {
            Queue invoices = honker.queue("invoices");
            // tag::unique[]
            EnqueueOptions once = EnqueueOptions.defaults().withUniqueKey("invoice-42");
            Enqueued first = invoices.enqueueUnique(Map.of("invoice", 42), once);   // created() == true
            Enqueued again = invoices.enqueueUnique(Map.of("invoice", 42), once);   // created() == false
            assert again.id() == first.id();              // same job while it is pending or running
            long id = invoices.enqueue(Map.of("invoice", 42), once); // plain enqueue: the same id, no new job
            // acked, dead-lettered or cancelled (by any binding): the key is free again
            // end::unique[]
            assertThat(first.created()).isTrue();
            assertThat(again.created()).isFalse();
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(id).isEqualTo(first.id());
            assertThat(invoices.stats().pending()).isEqualTo(1);
        }
    }

    @Test
    void pauseEverywhere() {
        try (JdbiHonker honker = Honkers.open(dir.resolve("pause.db"))) {
            // tag::pause[]
            Queue emails = honker.queue("emails");
            emails.pause();   // every honker-jdbi pool of every process on this file stops claiming it
            emails.enqueue(new Email("gina@example.com", "welcome")); // enqueues go on
            boolean paused = emails.isPaused(); // true, also after a restart
            emails.resume();  // waiting pools wake and claim
            // end::pause[]
            assertThat(paused).isTrue();
            assertThat(emails.isPaused()).isFalse();
            assertThat(emails.claimOne("w")).isPresent();
        }
    }

    @Test
    void transactionalHandler() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("ledger.db"))) {
            honker.jdbi().useHandle(h -> h.execute(
                    "CREATE TABLE ledger (order_id INTEGER PRIMARY KEY, amount INTEGER NOT NULL)"));
            record Payment(long orderId, long amount) {}
            honker.queue("payments").enqueue(new Payment(42, 1999));
            // tag::tx-handler[]
            WorkerPool pool = honker.workers()
                    .handleInTransaction("payments", Payment.class, WorkerOptions.defaults(),
                            (payment, job, handle) -> {
                                handle.execute("INSERT INTO ledger (order_id, amount) VALUES (?, ?)",
                                        payment.orderId(), payment.amount());
                                return null; // commit: the ledger row and the job's ack, together
                            })
                    .start();
            // end::tx-handler[]
            Await.until(Duration.ofSeconds(30), "booked", () -> honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM ledger").mapTo(Integer.class).one()) == 1);
            pool.close();
            assertThat(honker.queue("payments").stats().pending()).isZero();
        }
    }

    @Test
    void cancelAndTimeouts() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("reports.db"))) {
            Queue reports = honker.queue("reports");
            List<Long> cancelled = new java.util.concurrent.CopyOnWriteArrayList<>();
            // tag::cancel-timeout[]
            WorkerPool pool = honker.workers()
                    .handle("reports", String.class, WorkerOptions.defaults()
                            .withTimeout(Duration.ofMinutes(5)), // interrupted after 5 min: attempt failed
                            (report, job) -> {
                                for (String page : pages(report)) {
                                    if (job.isCancelled()) {
                                        return null;              // cooperative stop between steps
                                    }
                                    render(page);                 // blocking calls are interrupted too
                                }
                                return null;
                            })
                    .listener(new WorkerListener() {
                        @Override
                        public void jobCancelled(Job job) {      // instead of claimLost
                            cancelled.add(job.id());
                        }
                    })
                    .start();
            long id = reports.enqueue("yearly");
            // ... any process, any time:
            reports.cancel(id); // a running handler hears it at the next heartbeat (a third of the lease)
            // end::cancel-timeout[]
            pool.close();
            assertThat(reports.getJob(id)).isEmpty();
        }
    }

    private static List<String> pages(String report) {
        return List.of(report + "-1", report + "-2");
    }

    private static void render(String page) {
        Thread.onSpinWait();
    }

    /** The code under test in the README's testing example: a sign-up that enqueues a welcome email. */
    static void signUp(JdbiHonker honker, String email) {
        honker.queue("emails").enqueue(new Email(email, "welcome"));
    }

    @Test
    void testingYourCode() {
        Path path = dir.resolve("test.db");
        List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        // tag::testing[]
        SettableClock clock = SettableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
        JdbiHonker honker = Honkers.builder(path).clock(clock).open(); // e.g. in @BeforeEach, on a temp file
        ManualWorker worker = honker.workers()
                .handle("emails", Email.class, (email, job) -> {
                    if (job.attempts() == 1) {
                        throw new IllegalStateException("smtp down"); // the first attempt fails
                    }
                    return sent.add(email.to());
                })
                .manual(); // runs handlers on this thread, on demand: no pool, no threads

        signUp(honker, "dave@example.com"); // your code enqueues
        QueueAssertions.assertEnqueued(honker.queue("emails"), new Email("dave@example.com", "welcome"));

        Drained first = worker.drain("emails");  // Drained[succeeded=0, failed=1, dead=0, cancelled=0]
        clock.tick(Duration.ofMinutes(1));       // past the retry's backoff: no sleeping
        Drained second = worker.drain("emails"); // Drained[succeeded=1, failed=0, dead=0, cancelled=0]
        QueueAssertions.assertEnqueuedCount(honker.queue("emails"), 0);
        // end::testing[]
        assertThat(first).isEqualTo(new Drained(0, 1, 0, 0));
        assertThat(second).isEqualTo(new Drained(1, 0, 0, 0));
        honker.close();
        assertThat(sent).containsExactly("dave@example.com");
    }

    @Test
    void backupAndRestore() throws IOException {
        Path path = dir.resolve("backed-up.db").toAbsolutePath();
        Path backup = dir.resolve("backup.db").toAbsolutePath();
        JdbiHonker honker = Honkers.open(path);
        honker.queue("emails").enqueue("in the backup");
        // tag::backup[]
        // a consistent copy while the honker runs (SQLite's VACUUM INTO; the backup API works too)
        honker.jdbi().useHandle(h -> h.execute("VACUUM INTO ?", backup.toString()));
        // end::backup[]
        honker.queue("emails").enqueue("after the backup");
        // tag::restore[]
        honker.close();                                   // and stop every other process using the file
        Files.deleteIfExists(Path.of(path + "-wal"));     // the old file's: SQLite would replay it over the backup
        Files.deleteIfExists(Path.of(path + "-shm"));
        Files.move(backup, path, StandardCopyOption.REPLACE_EXISTING);
        JdbiHonker restored = Honkers.open(path);
        // end::restore[]
        try (restored) {
            assertThat(restored.queue("emails").stats().pending()).isEqualTo(1);
        }
    }

    /**
     * The PostgreSQL examples, on the embedded server: a nested class, so that when PostgreSQL cannot start
     * only these are skipped (saying why), not the SQLite examples above.
     */
    @Nested
    class OnPostgres {
        @RegisterExtension
        static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

        @Test
        void movingToPostgres() {
            Path path = dir.resolve("app.db");
            try (JdbiHonker file = Honkers.open(path)) {
                file.queue("emails").enqueue(new Email("fay@example.com", "welcome"));
                file.queue("emails").enqueue(new Email("gus@example.com", "welcome"),
                        EnqueueOptions.defaults().withDelay(Duration.ofHours(1)));
            }
            DataSource dataSource = PG.dataSource();
            // tag::move[]
            // 1. stop the app on the file, then copy (the file is only read; PostgreSQL gets all rows or none)
            Jdbi postgres = Jdbi.create(dataSource); // your PostgreSQL DataSource, e.g. a HikariCP pool
            Copied copied = HonkerCopy.copy(path, postgres);
            System.out.println(copied.jobs() + " jobs, " + copied.deadJobs() + " dead letters, "
                    + copied.scheduledTasks() + " schedules, " + copied.streamEvents() + " stream events");

            // 2. start the app on PostgreSQL: the same Honker, the same code
            try (JdbiHonker honker = JdbiHonker.create(postgres)) {
                Job job = honker.queue("emails").claimOne("worker-1").orElseThrow(); // the file's job, same id
                job.ack();
            }
            // end::move[]
            assertThat(copied.jobs()).isEqualTo(2);
            try (JdbiHonker honker = JdbiHonker.create(postgres)) {
                assertThat(honker.queue("emails").stats().pending()).as("the delayed one").isEqualTo(1);
            }
        }
    }

    @Test
    void readmeShowsEveryExampleVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/honkerj/jdbi/ReadmeExamplesTest.java"));
        String readme = Files.readString(Path.of("../README.md"));
        Matcher m = Pattern.compile("// tag::([a-z-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL).matcher(source);
        List<String> tags = new ArrayList<>();
        while (m.find()) {
            tags.add(m.group(1));
            assertThat(readme).as("README carries example '%s'", m.group(1)).contains(dedent(m.group(2)));
        }
        assertThat(tags).contains("quickstart", "transaction", "own-jdbi", "join", "options", "retry",
                "claim-waker", "notify", "stream", "coordination", "scheduler", "scheduler-options", "workers",
                "workers-control", "metrics", "outbox", "tasks", "unique", "pause", "tx-handler", "cancel-timeout",
                "testing", "backup", "restore", "move");
    }

    private static String dedent(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
