package io.honkerj.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON endpoints on a seeded demo database: what each page reads. */
class DashboardApiTest {
    @TempDir
    static Path dir;
    static SettableClock clock;
    static JdbiHonker honker;
    static HonkerDashboard dashboard;
    static Http http;
    static DemoData.Ids ids;

    @BeforeAll
    static void seed() {
        clock = SettableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1)));
        honker = Honkers.builder(dir.resolve("demo.db")).clock(clock).open();
        dashboard = HonkerDashboard.start(honker, DashboardOptions.defaults().withPort(0).withZone(DemoData.ZONE)
                .withSampleEvery(Duration.ofMinutes(2)).withHistory(Duration.ofMinutes(70)));
        ids = DemoData.seed(honker, clock, dashboard.sampler());
        http = new Http(dashboard.uri());
    }

    @AfterAll
    static void close() {
        dashboard.close();
        honker.close();
    }

    @Test
    void queuesCountEachStateAndTheOldestDueJob() {
        JsonNode queues = http.json("/api/queues").get("queues");
        List<String> names = new ArrayList<>();
        queues.forEach(q -> names.add(q.get("queue").asText()));
        assertThat(names).containsExactly("emails", "images", "reports", "webhooks");
        JsonNode emails = queues.get(0);
        assertThat(emails.get("processing").asLong()).isEqualTo(3);
        assertThat(emails.get("pending").asLong()).isEqualTo(honker.queue("emails").stats().pending());
        assertThat(emails.get("oldestPendingAgeSeconds").asLong()).isGreaterThan(0);
        JsonNode reports = queues.get(2);
        assertThat(reports.get("pending").asLong()).isEqualTo(2);
        assertThat(queues.get(3).get("dead").asLong()).isEqualTo(4);
    }

    @Test
    void historyHasASampleForEachStepWithDepthAndFinishedJobs() {
        JsonNode history = http.json("/api/history");
        JsonNode samples = history.get("samples");
        assertThat(samples.size()).isEqualTo(31); // one when the dashboard started, then one per step
        JsonNode last = samples.get(samples.size() - 1);
        assertThat(last.get("depth").get("emails").asLong()).isPositive();
        long finished = 0;
        for (JsonNode s : samples) {
            finished += s.get("finished").asLong();
        }
        assertThat(finished).as("jobs acked during the hour").isGreaterThan(500);
    }

    @Test
    void jobsFilterByStateInClaimOrder() {
        JsonNode processing = http.json("/api/jobs?queue=emails&state=processing");
        assertThat(processing.size()).isEqualTo(3);
        processing.forEach(j -> assertThat(j.get("workerId").asText()).isEqualTo("worker-a"));
        JsonNode reports = http.json("/api/jobs?queue=reports&state=pending");
        assertThat(reports.get(0).get("priority").asInt()).isEqualTo(5);
        JsonNode dead = http.json("/api/jobs?queue=webhooks&state=dead");
        assertThat(dead.size()).isEqualTo(4);
        assertThat(http.get("/api/jobs?queue=emails&state=done").statusCode()).isEqualTo(400);
        assertThat(Http.parse(http.get("/api/jobs?state=pending").body()).get("error").asText())
                .isEqualTo("missing parameter 'queue'");
        assertThat(http.get("/api/jobs?queue=emails&limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void jobDetailShowsLiveAndDeadJobsWithPayloadAndError() {
        JsonNode live = http.json("/api/job?id=" + ids.scriptJob());
        assertThat(live.get("state").asText()).isEqualTo("pending");
        assertThat(Http.parse(live.get("payload").asText()).get("note").asText()).isEqualTo(DemoData.SCRIPT);
        JsonNode dead = http.json("/api/job?id=" + ids.deadWebhooks().get(0));
        assertThat(dead.get("state").asText()).isEqualTo("dead");
        assertThat(dead.get("lastError").asText()).contains("Connection refused");
        assertThat(dead.get("diedAt").asLong()).isPositive();
        HttpResponse<String> missing = http.get("/api/job?id=999999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no job 999999");
        assertThat(Http.parse(http.get("/api/job?id=abc").body()).get("error").asText()).contains("'abc'");
    }

    @Test
    void streamsListTopicsAndConsumerLag() {
        JsonNode streams = http.json("/api/streams");
        assertThat(streams.get("topics").size()).isEqualTo(2);
        JsonNode consumers = streams.get("consumers");
        assertThat(consumers.toString()).contains("billing", "analytics", "siem");
        for (JsonNode c : consumers) {
            long lag = c.get("lag").asLong();
            switch (c.get("consumer").asText()) {
                case "billing" -> assertThat(lag).isEqualTo(12);
                case "analytics" -> assertThat(lag).isZero();
                case "siem" -> assertThat(lag).isEqualTo(3);
                default -> throw new AssertionError(c);
            }
        }
    }

    @Test
    void schedulerShowsNextFireInTheZone() {
        JsonNode s = http.json("/api/scheduler");
        assertThat(s.get("zone").asText()).isEqualTo("Europe/Berlin");
        JsonNode nightly = null;
        for (JsonNode t : s.get("tasks")) {
            if (t.get("name").asText().equals("nightly-report")) {
                nightly = t;
            }
            if (t.get("name").asText().equals("weekly-cleanup")) {
                assertThat(t.get("enabled").asBoolean()).isFalse();
            }
        }
        assertThat(nightly).isNotNull();
        ZonedDateTime next = Instant.ofEpochSecond(nightly.get("nextFireAt").asLong()).atZone(DemoData.ZONE);
        assertThat(next.getHour()).isEqualTo(3);
        assertThat(nightly.get("nextFire").asText()).endsWith("03:00:00");
    }

    @Test
    void locksAndRateLimitWindows() {
        JsonNode locks = http.json("/api/locks").get("locks");
        assertThat(locks.toString()).contains("honker-scheduler", "host-a-41872", "nightly-export");
        locks.forEach(l -> assertThat(l.get("expired").asBoolean()).isFalse());
        JsonNode windows = http.json("/api/ratelimits");
        assertThat(windows.toString()).contains("worker:emails", "smtp");
        for (JsonNode w : windows) {
            if (w.get("name").asText().equals("worker:emails")) {
                assertThat(w.get("count").asLong()).isEqualTo(37);
            }
        }
    }

    @Test
    void staticPagesAndUnknownPaths() {
        HttpResponse<String> index = http.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.body()).contains("/static/app.js").doesNotContain("http://", "https://");
        assertThat(http.get("/static/app.js").headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(http.get("/static/app.css").statusCode()).isEqualTo(200);
        assertThat(http.get("/nope").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/nope").statusCode()).isEqualTo(404);
        assertThat(http.send(http.request("/api/queues").DELETE()).statusCode()).isEqualTo(405);
    }
}
