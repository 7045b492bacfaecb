package io.honkerj.jdbi.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.ChildJvm;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL's driver is optional: an app on SQLite without it on its classpath waits and wakes as before
 * (the {@link ListenWatcher}, which uses the driver, is never loaded).
 */
class WithoutPostgresDriverTest {
    @TempDir
    Path dir;

    @Test
    void anAppWithoutThePostgresDriverWaitsAndWakes() throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("postgresql"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, NoPostgresDriverChildMain.class.getName(),
                dir.resolve("app.db").toString()));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
        String out = ChildJvm.read(log);
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("done", "driver absent").doesNotContain("NoClassDefFoundError");
    }
}
