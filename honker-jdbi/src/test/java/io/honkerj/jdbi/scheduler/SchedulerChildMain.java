package io.honkerj.jdbi.scheduler;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;

/** A child JVM running the scheduler until killed: {@code <db>}; owner "pid-<pid>". */
public final class SchedulerChildMain {
    public static void main(String[] args) throws Exception {
        try (JdbiHonker honker = Honkers.open(Path.of(args[0]))) {
            System.out.println("RUNNING");
            System.out.flush();
            honker.scheduler().run("pid-" + ProcessHandle.current().pid(), () -> false);
        }
    }
}
