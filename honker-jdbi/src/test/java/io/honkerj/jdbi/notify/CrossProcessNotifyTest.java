package io.honkerj.jdbi.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.Listener;
import io.honkerj.api.Subscription;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child JVM sends and publishes; this JVM's listener and subscription get everything, in order. */
class CrossProcessNotifyTest {
    @TempDir
    Path dir;

    /** @return what the child opens: a database file here */
    String database() {
        return dir.resolve("xp.db").toString();
    }

    /** @return this JVM's honker on {@link #database()} */
    JdbiHonker open(String database) {
        return Honkers.open(Path.of(database));
    }

    @Test
    void listenerAndSubscriptionReceiveWhatAnotherProcessCommits() throws Exception {
        String db = database();
        Path go = dir.resolve("go");
        Path log = dir.resolve("publisher.log");
        int n = 200;
        try (JdbiHonker honker = open(db);
                Listener listener = honker.listen("xp");
                Subscription sub = honker.stream("xp").subscribe("test-consumer")) {
            Process child = ChildJvm.start(PublisherChildMain.class, log, db, go.toString(), Integer.toString(n));
            Await.until(Duration.ofSeconds(120), "the publisher to be ready", () -> ChildJvm.read(log).contains("READY"));
            Files.createFile(go);
            List<String> notified = new ArrayList<>();
            List<String> streamed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                notified.add(listener.recv(Duration.ofSeconds(60)).orElseThrow().payload());
                streamed.add(sub.next(Duration.ofSeconds(60)).orElseThrow().payload());
            }
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).as(ChildJvm.read(log)).isZero();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                expected.add(Integer.toString(i));
            }
            assertThat(notified).containsExactlyElementsOf(expected);
            assertThat(streamed).containsExactlyElementsOf(expected);
            assertThat(listener.recv(Duration.ZERO)).isEmpty();
        }
    }
}
