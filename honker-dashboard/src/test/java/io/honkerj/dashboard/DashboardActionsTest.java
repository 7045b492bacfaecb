package io.honkerj.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Queue;
import io.honkerj.api.ScheduledTask;
import io.honkerj.api.ScheduledTaskInfo;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The changes a dashboard makes: requeue one or all dead jobs, delete one, pause, resume, run a task now. */
class DashboardActionsTest {
    @TempDir
    Path dir;
    JdbiHonker honker;
    HonkerDashboard dashboard;
    Http http;
    String csrf;
    Queue webhooks;

    @BeforeEach
    void open() {
        honker = Honkers.open(dir.resolve("actions.db"));
        dashboard = HonkerDashboard.start(honker, DashboardOptions.defaults().withPort(0));
        http = new Http(dashboard.uri());
        csrf = http.csrf();
        webhooks = honker.queue("webhooks");
        for (int i = 0; i < 3; i++) {
            webhooks.enqueue(Map.of("n", i), EnqueueOptions.defaults().withMaxAttempts(1));
            webhooks.claimOne("w").orElseThrow().fail("error " + i);
        }
    }

    @AfterEach
    void close() {
        dashboard.close();
        honker.close();
    }

    private JsonNode ok(String action) {
        HttpResponse<String> r = http.post("/api/" + action, csrf);
        assertThat(r.statusCode()).as(action + ": " + r.body()).isEqualTo(200);
        return Http.parse(r.body());
    }

    @Test
    void requeueAllMovesEveryDeadJobOfTheQueueBack() {
        honker.queue("other").enqueue(Map.of("x", 1), EnqueueOptions.defaults().withMaxAttempts(1));
        honker.queue("other").claimOne("w").orElseThrow().fail("other error");
        assertThat(ok("dead/requeue-all?queue=webhooks").get("requeued").asInt()).isEqualTo(3);
        assertThat(webhooks.deadJobs(10)).isEmpty();
        assertThat(webhooks.stats().pending()).isEqualTo(3);
        assertThat(honker.queue("other").deadJobs(10)).hasSize(1);
        assertThat(http.json("/api/dead").size()).isEqualTo(1);
    }

    @Test
    void deleteRemovesOneDeadJob() {
        long id = webhooks.deadJobs(10).get(0).id();
        assertThat(ok("dead/delete?id=" + id).get("deleted").asInt()).isEqualTo(1);
        assertThat(webhooks.deadJobs(10)).hasSize(2).noneMatch(d -> d.id() == id);
        HttpResponse<String> again = http.post("/api/dead/delete?id=" + id, csrf);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("no dead job " + id);
    }

    @Test
    void pauseResumeAndRunNow() {
        honker.scheduler().add(ScheduledTask.of("nightly", "reports", "0 3 * * *", Map.of("report", "daily"))
                .withPriority(7));
        assertThat(ok("scheduler/pause?name=nightly").get("changed").asBoolean()).isTrue();
        assertThat(honker.scheduler().list()).singleElement().extracting(ScheduledTaskInfo::enabled).isEqualTo(false);
        assertThat(ok("scheduler/pause?name=nightly").get("changed").asBoolean()).as("already paused").isFalse();
        assertThat(ok("scheduler/resume?name=nightly").get("changed").asBoolean()).isTrue();
        assertThat(honker.scheduler().list()).singleElement().extracting(ScheduledTaskInfo::enabled).isEqualTo(true);

        long jobId = ok("scheduler/run?name=nightly").get("jobId").asLong();
        var job = honker.queue("reports").getJob(jobId).orElseThrow();
        assertThat(job.payload()).isEqualTo("{\"report\":\"daily\"}");
        assertThat(job.priority()).isEqualTo(7);
        HttpResponse<String> missing = http.post("/api/scheduler/run?name=nope", csrf);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.parse(missing.body()).get("error").asText()).isEqualTo("no scheduled task 'nope'");
    }

    @Test
    void aQueueNameWithSlashesAndColonsRoundTrips() {
        Queue outbox = honker.queue("_outbox:orders/eu");
        outbox.enqueue(Map.of("n", 1));
        JsonNode jobs = http.json("/api/jobs?queue=_outbox%3Aorders%2Feu&state=pending");
        assertThat(jobs.size()).isEqualTo(1);
        assertThat(http.json("/api/queues").get("queues").toString()).contains("_outbox:orders/eu");
        assertThat(Duration.ofSeconds(http.json("/api/queues").get("now").asLong())).isPositive();
    }
}
