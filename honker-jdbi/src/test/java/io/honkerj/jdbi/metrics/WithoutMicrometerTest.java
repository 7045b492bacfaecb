package io.honkerj.jdbi.metrics;

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

/** Micrometer is optional: an app with no Micrometer on its classpath opens a file and runs a pool. */
class WithoutMicrometerTest {
    @TempDir
    Path dir;

    @Test
    void anAppWithoutMicrometerRunsJobs() throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("micrometer"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, NoMicrometerChildMain.class.getName(),
                dir.resolve("app.db").toString()));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        String out = ChildJvm.read(log);
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("done", "micrometer absent").doesNotContain("NoClassDefFoundError");
    }
}
