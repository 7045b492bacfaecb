package io.honkerj.jdbi.scheduler;

import io.honkerj.api.ScheduledFire;
import io.honkerj.api.ScheduledTask;
import io.honkerj.api.Scheduler;
import io.honkerj.api.SchedulerListener;
import io.honkerj.api.SkippedBoundaries;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running the scheduler as an app does: {@code <db> <leader ttl seconds>}, {@code <db>} a
 * {@link SharedDatabase#location()}. At start-up it adds
 * the task {@code tick} ({@code @every 1s}, queue {@code ticks}) like every other process, then runs as
 * owner "pid-&lt;pid&gt;" until killed; SIGTERM stops it gracefully (the shutdown hook stops the scheduler and
 * waits for it to release leadership). Prints one line per event with the wall clock in milliseconds:
 * {@code ACQUIRED <ms>}, {@code LOST <ms>}, {@code RELEASED <ms>}, {@code FIRED <boundary> <job id>},
 * {@code SKIPPED <count> <first> <last>}.
 */
public final class SchedulerChildMain {
    public static void main(String[] args) throws Exception {
        Duration ttl = Duration.ofSeconds(Long.parseLong(args[1]));
        String owner = "pid-" + ProcessHandle.current().pid();
        CountDownLatch stopped = new CountDownLatch(1);
        try (JdbiHonker honker = SharedDatabase.open(args[0])) {
            Scheduler scheduler = honker.schedulerBuilder().leaderTtl(ttl).listener(new Printer()).build();
            scheduler.add(ScheduledTask.of("tick", "ticks", "@every 1s", "t"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopping = true;
                try {
                    stopped.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            say("RUNNING " + System.currentTimeMillis());
            scheduler.run(owner, () -> stopping);
        } finally {
            stopped.countDown();
        }
    }

    private static volatile boolean stopping;

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Prints every scheduler event. */
    private static final class Printer implements SchedulerListener {
        @Override
        public void fired(ScheduledFire fire) {
            say("FIRED " + fire.fireAt().getEpochSecond() + " " + fire.jobId());
        }

        @Override
        public void skipped(SkippedBoundaries s) {
            say("SKIPPED " + s.count() + " " + s.first().getEpochSecond() + " " + s.last().getEpochSecond());
        }

        @Override
        public void leadershipAcquired(String owner) {
            say("ACQUIRED " + System.currentTimeMillis());
        }

        @Override
        public void leadershipLost(String owner) {
            say("LOST " + System.currentTimeMillis());
        }

        @Override
        public void leadershipReleased(String owner) {
            say("RELEASED " + System.currentTimeMillis());
        }
    }
}
