package io.honkerj.dashboard;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.api.ScheduledTask;
import io.honkerj.api.Scheduler;
import io.honkerj.api.Stream;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A demo database: queues with pending, running and dead jobs, an hour of activity for the chart, a stream
 * with consumers behind, scheduled tasks (one paused), locks and rate-limit windows. One job's payload and
 * one dead job's error carry markup, which must show as text.
 */
final class DemoData {
    static final String SCRIPT = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=1\">";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /** Ids the tests look for. */
    record Ids(long scriptJob, long deadScriptJob, List<Long> deadWebhooks) {}

    private DemoData() {}

    /**
     * Seeds the file, sampling the dashboard's chart once per simulated two minutes over the last hour.
     *
     * @param honker the honker, on {@code clock}
     * @param clock the honker's clock, at the start of the hour; left at its end
     * @param sampler the dashboard's sampler, or null
     */
    static Ids seed(JdbiHonker honker, SettableClock clock, Sampler sampler) {
        Queue emails = honker.queue("emails");
        Queue reports = honker.queue("reports");
        Queue webhooks = honker.queue("webhooks");
        Queue images = honker.queue("images");
        for (int step = 0; step < 30; step++) {
            int in = 20 + (int) (15 * Math.sin(step / 4.0)) + step;
            for (int i = 0; i < in; i++) {
                emails.enqueue(Map.of("to", "user" + step + "-" + i + "@example.com", "template", "welcome"));
            }
            images.enqueueAll(java.util.Collections.nCopies(8 + step % 5, Map.of("image", "cat.png", "size", 512)),
                    EnqueueOptions.defaults());
            List<Job> claimed = emails.claimBatch("worker-a", in - 4 + step % 7);
            emails.ackBatch(claimed.stream().map(Job::id).toList(), "worker-a");
            if (step < 26) {
                List<Job> img = images.claimBatch("worker-b", 9 + step % 4);
                images.ackBatch(img.stream().map(Job::id).toList(), "worker-b");
            }
            clock.tick(Duration.ofMinutes(2));
            if (sampler != null) {
                sampler.sample();
            }
        }
        emails.claimBatch("worker-a", 3);
        reports.enqueue(Map.of("report", "monthly", "month", "2026-10"),
                EnqueueOptions.defaults().withDelay(Duration.ofMinutes(30)).withPriority(5));
        reports.enqueue(Map.of("report", "weekly"));
        EnqueueOptions once = EnqueueOptions.defaults().withMaxAttempts(1);
        List<Long> dead = new java.util.ArrayList<>();
        String[] errors = {"java.net.ConnectException: Connection refused (https://hooks.example.com/orders)",
            "HTTP 500 from https://partner.example.com/webhook after 30 s", "java.net.SocketTimeoutException: Read timed out"};
        for (String error : errors) {
            long id = webhooks.enqueue(Map.of("url", "https://partner.example.com/webhook", "order", dead.size() + 40), once);
            Job job = webhooks.claimOne("worker-c").orElseThrow();
            job.fail(error);
            dead.add(id);
        }
        long deadScript = webhooks.enqueue(Map.of("note", SCRIPT), once);
        webhooks.claimOne("worker-c").orElseThrow().fail("rejected " + SCRIPT);
        webhooks.enqueue(Map.of("url", "https://example.com/hook", "event", "order.paid"));
        long scriptJob = webhooks.enqueue(Map.of("url", "https://example.com/hook", "note", SCRIPT));

        Stream orders = honker.stream("orders");
        for (int i = 0; i < 50; i++) {
            orders.publish("order-" + i, Map.of("status", i % 3 == 0 ? "paid" : "created"));
        }
        List<io.honkerj.api.StreamEvent> events = orders.readSince(0, 50);
        orders.saveOffset("billing", events.get(37).offset());
        orders.saveOffset("analytics", events.get(49).offset());
        Stream audit = honker.stream("audit");
        for (int i = 0; i < 5; i++) {
            audit.publish(Map.of("user", "admin", "action", "login"));
        }
        audit.saveOffset("siem", audit.readSince(0, 5).get(1).offset());

        Scheduler scheduler = honker.scheduler(ZONE);
        scheduler.add(ScheduledTask.of("nightly-report", "reports", "0 3 * * *", Map.of("report", "daily")));
        scheduler.add(ScheduledTask.of("heartbeat", "ops", "@every 30s", Map.of("kind", "ping")));
        scheduler.add(ScheduledTask.of("weekly-cleanup", "maintenance", "0 4 * * 0", Map.of("older_than_days", 30)));
        scheduler.pause("weekly-cleanup");

        honker.tryLock("honker-scheduler", "host-a-41872", Duration.ofSeconds(60)).orElseThrow();
        honker.tryLock("nightly-export", "host-b-1203", Duration.ofMinutes(10)).orElseThrow();
        for (int i = 0; i < 37; i++) {
            honker.rateLimiter("worker:emails", 100, Duration.ofMinutes(1)).tryAcquire();
        }
        for (int i = 0; i < 4; i++) {
            honker.rateLimiter("smtp", 10, Duration.ofSeconds(10)).tryAcquire();
        }
        return new Ids(scriptJob, deadScript, dead);
    }
}
