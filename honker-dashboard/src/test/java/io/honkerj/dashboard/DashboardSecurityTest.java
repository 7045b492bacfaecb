package io.honkerj.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe by default: changes only by POST with the CSRF token from the same origin, the Host checked on
 * loopback, read-only mode, authentication hooks compared in constant time, and data never turned into
 * markup (escaped JSON, no HTML built from strings in the pages' script).
 */
class DashboardSecurityTest {
    @TempDir
    Path dir;
    JdbiHonker honker;
    Queue webhooks;
    long deadId;

    @BeforeEach
    void open() {
        honker = Honkers.open(dir.resolve("sec.db"));
        webhooks = honker.queue("webhooks");
        deadId = webhooks.enqueue(Map.of("note", DemoData.SCRIPT));
        Job job = webhooks.claimOne("w").orElseThrow();
        job.fail("boom " + DemoData.SCRIPT);
    }

    @AfterEach
    void close() {
        honker.close();
    }

    private HonkerDashboard start(DashboardOptions options) {
        return HonkerDashboard.start(honker, options.withPort(0));
    }

    @Test
    void bindsToLoopbackByDefault() {
        try (HonkerDashboard d = start(DashboardOptions.defaults())) {
            assertThat(d.uri().getHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void aChangeNeedsPostAndTheCsrfToken() {
        try (HonkerDashboard d = start(DashboardOptions.defaults())) {
            Http http = new Http(d.uri());
            String path = "/api/dead/requeue?id=" + deadId;
            assertThat(http.get(path).statusCode()).as("GET never changes anything").isEqualTo(404);
            HttpResponse<String> none = http.post(path, null);
            assertThat(none.statusCode()).isEqualTo(403);
            assertThat(none.body()).contains("CSRF token");
            assertThat(http.post(path, "forged").statusCode()).isEqualTo(403);
            assertThat(webhooks.deadJobs(10)).hasSize(1);

            HttpResponse<String> ok = http.post(path, http.csrf());
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(webhooks.deadJobs(10)).isEmpty();
            assertThat(webhooks.stats().pending()).isEqualTo(1);
            assertThat(http.post(path, http.csrf()).statusCode()).as("already requeued").isEqualTo(404);
        }
    }

    @Test
    void aChangeFromAnotherOriginIsRefusedEvenWithTheToken() {
        try (HonkerDashboard d = start(DashboardOptions.defaults())) {
            Http http = new Http(d.uri());
            String csrf = http.csrf();
            HttpResponse<String> r = http.send(http.request("/api/dead/delete?id=" + deadId)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .header("X-CSRF-Token", csrf).header("Origin", "https://evil.example"));
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("cross-origin", "https://evil.example");
            assertThat(webhooks.deadJobs(10)).hasSize(1);
            HttpResponse<String> same = http.send(http.request("/api/dead/delete?id=" + deadId)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .header("X-CSRF-Token", csrf).header("Origin", "http://127.0.0.1:" + d.uri().getPort()));
            assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
            assertThat(webhooks.deadJobs(10)).isEmpty();
        }
    }

    @Test
    void aForeignHostNameIsRefusedOnLoopback() {
        try (HonkerDashboard d = start(DashboardOptions.defaults())) {
            assertThat(raw(d, "GET /api/queues HTTP/1.1\r\nHost: attacker.example:" + d.uri().getPort()
                    + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 403").contains("Host header");
            assertThat(raw(d, "GET /api/queues HTTP/1.1\r\nHost: localhost:" + d.uri().getPort()
                    + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void readOnlyRefusesEveryChange() {
        try (HonkerDashboard d = start(DashboardOptions.defaults().withReadOnly(true))) {
            Http http = new Http(d.uri());
            assertThat(http.json("/api/session").get("readOnly").asBoolean()).isTrue();
            for (String action : new String[] {"dead/requeue?id=" + deadId, "dead/delete?id=" + deadId,
                "dead/requeue-all?queue=webhooks", "scheduler/pause?name=x"}) {
                HttpResponse<String> r = http.post("/api/" + action, http.csrf());
                assertThat(r.statusCode()).as(action).isEqualTo(403);
                assertThat(r.body()).contains("read-only");
            }
            assertThat(webhooks.deadJobs(10)).hasSize(1);
            assertThat(http.get("/api/dead").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void bearerTokenIsRequiredOnEveryRequest() {
        try (HonkerDashboard d = start(DashboardOptions.defaults().withAuth(DashboardAuth.bearerToken("s3cret")))) {
            Http http = new Http(d.uri());
            for (String path : new String[] {"/", "/static/app.js", "/api/queues"}) {
                HttpResponse<String> r = http.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Bearer"));
            }
            assertThat(http.send(http.request("/api/queues").header("Authorization", "Bearer wrong")).statusCode())
                    .isEqualTo(401);
            assertThat(http.send(http.request("/api/queues").header("Authorization", "Bearer s3cret")).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void basicAuthLetsABrowserAskForAPassword() {
        try (HonkerDashboard d = start(DashboardOptions.defaults().withAuth(DashboardAuth.basic("admin", "pw")))) {
            Http http = new Http(d.uri());
            HttpResponse<String> r = http.get("/");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Basic"));
            String good = "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));
            assertThat(http.send(http.request("/").header("Authorization", good)).statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> DashboardAuth.bearerToken(" ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> DashboardAuth.basic("admin", "")).hasMessageContaining("password");
    }

    @Test
    void payloadsAndErrorsComeBackAsEscapedJsonText() {
        try (HonkerDashboard d = start(DashboardOptions.defaults())) {
            Http http = new Http(d.uri());
            HttpResponse<String> r = http.get("/api/job?id=" + deadId);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
            assertThat(r.body()).doesNotContain("<", ">").contains("\\u003Cscript");
            assertThat(Http.parse(r.body()).get("lastError").asText()).isEqualTo("boom " + DemoData.SCRIPT);
        }
    }

    @Test
    void thePagesScriptNeverParsesHtml() throws IOException {
        for (String file : new String[] {"app.js", "index.html"}) {
            String text;
            try (InputStream in = HonkerDashboard.class.getResourceAsStream("static/" + file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(text).as(file).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                    "document.write", "eval(", "new Function", "<script>", "http://cdn", "https://");
        }
    }

    @Test
    void aTakenPortIsNamedInTheError() {
        try (HonkerDashboard d = start(DashboardOptions.defaults())) {
            int port = d.uri().getPort();
            assertThatThrownBy(() -> HonkerDashboard.start(honker, DashboardOptions.defaults().withPort(port)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("withPort");
        }
        assertThatThrownBy(() -> DashboardOptions.defaults().withPort(70000)).hasMessageContaining("70000");
    }

    private static String raw(HonkerDashboard d, String request) {
        try (Socket s = new Socket("127.0.0.1", d.uri().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
