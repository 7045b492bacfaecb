package io.honkerj.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar honker-dashboard.jar app.db}: the main, in a child JVM on an existing file. */
class DashboardMainTest {
    @TempDir
    Path dir;

    @Test
    void servesAnExistingFileUntilStopped() throws Exception {
        Path file = dir.resolve("app.db");
        try (JdbiHonker honker = Honkers.open(file)) {
            honker.queue("emails").enqueue(Map.of("to", "alice@example.com"));
        }
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DashboardMain.class.getName(), file.toString(), "--port", "0", "--read-only"))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String started = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("honker dashboard for ")) {
                    started = line;
                    break;
                }
            }
            assertThat(started).as("the main printed its address").isNotNull().endsWith("(read-only)");
            URI uri = URI.create(started.replaceAll(".* at (http://\\S+).*", "$1"));
            Http http = new Http(uri);
            assertThat(http.json("/api/queues").get("queues").get(0).get("pending").asInt()).isEqualTo(1);
            assertThat(http.json("/api/session").get("readOnly").asBoolean()).isTrue();
        } finally {
            child.destroy();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void optionsAreParsedAndBadOnesNamed() {
        DashboardOptions o = DashboardMain.parse(new String[] {"app.db", "--port", "9000", "--host", "0.0.0.0",
            "--read-only", "--zone", "Europe/Berlin"});
        assertThat(o.port()).isEqualTo(9000);
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.readOnly()).isTrue();
        assertThat(o.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThatThrownBy(() -> DashboardMain.parse(new String[] {"app.db", "--bogus"})).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> DashboardMain.parse(new String[] {"app.db", "--port"})).hasMessageContaining("--port");
    }
}
