package io.honkerj.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's dashboard examples, compiled and run here between {@code // tag::name[]} and
 * {@code // end::name[]}; {@link #readmeShowsEveryExampleVerbatim()} checks the README carries each one, as
 * honker-jdbi's ReadmeExamplesTest does for the rest.
 */
class DashboardReadmeTest {
    @TempDir
    Path dir;
    final String password = "correct horse";
    final List<Integer> statuses = new ArrayList<>();

    @Test
    void startADashboard() throws IOException {
        Path path = dir.resolve("app.db");
        try (JdbiHonker honker = Honkers.open(path)) {
            honker.queue("emails").enqueue(Map.of("to", "alice@example.com"));
            // tag::dashboard[]
            try (HonkerDashboard dashboard = HonkerDashboard.start(honker, DashboardOptions.defaults()
                    .withPort(0)                                    // any free port; 8780 by default
                    .withReadOnly(false)                            // true refuses requeue, delete, pause, run
                    .withAuth(DashboardAuth.basic("admin", password)))) { // or bearerToken(..); none() by default
                System.out.println("dashboard at " + dashboard.uri()); // http://127.0.0.1:<port>/
                runTheApp(dashboard);                               // closing it stops the server
            }
            // end::dashboard[]
        }
        assertThat(statuses).containsExactly(401, 200);
    }

    private void runTheApp(HonkerDashboard dashboard) {
        Http http = new Http(dashboard.uri());
        statuses.add(http.get("/api/queues").statusCode());
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(http.request("/api/queues").header("Authorization", auth));
        statuses.add(r.statusCode());
        assertThat(r.body()).contains("\"queue\":\"emails\"", "\"pending\":1");
    }

    @Test
    void readmeShowsEveryExampleVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/honkerj/dashboard/DashboardReadmeTest.java"));
        String readme = Files.readString(Path.of("../README.md"));
        Matcher m = Pattern.compile("// tag::([a-z-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL).matcher(source);
        List<String> tags = new ArrayList<>();
        while (m.find()) {
            tags.add(m.group(1));
            assertThat(readme).as("README carries example '%s'", m.group(1)).contains(dedent(m.group(2)));
        }
        assertThat(tags).contains("dashboard");
        assertThat(readme).contains("java -jar honker-dashboard/target/honker-dashboard.jar app.db",
                "![The dashboard's queues page](docs/dashboard.png)");
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
