package io.honkerj.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A reader finds every statement by following a DAO method to its file: one method, one file, both ways. */
class DaoSqlFilesTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "io.honkerj.jdbi.schema.SchemaDao",
        "io.honkerj.jdbi.queue.QueueDao",
        "io.honkerj.jdbi.lock.LockDao",
        "io.honkerj.jdbi.ratelimit.RateLimitDao",
        "io.honkerj.jdbi.result.ResultDao",
        "io.honkerj.jdbi.notify.NotifyDao",
        "io.honkerj.jdbi.stream.StreamDao",
        "io.honkerj.jdbi.scheduler.SchedulerDao",
        "io.honkerj.jdbi.metrics.MetricsDao",
    })
    void everyMethodHasAFileAndEveryFileAMethod(String daoName) throws Exception {
        Class<?> dao = Class.forName(daoName);
        Set<String> methods = Arrays.stream(dao.getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && !m.isDefault())
                .map(Method::getName).collect(Collectors.toSet());
        for (String m : methods) {
            assertThat(ClasspathSqlLocator.create().locate(dao, m)).as(m).isNotBlank();
        }
        String folder = dao.getName().replace('.', '/');
        URI uri = dao.getClassLoader().getResource(folder).toURI();
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                assertThat(sqlFileNames(jar.provider().getPath(uri))).isEqualTo(methods);
            }
        } else {
            assertThat(sqlFileNames(Path.of(uri))).isEqualTo(methods);
        }
    }

    private static Set<String> sqlFileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString().replace(".sql", "")).collect(Collectors.toSet());
        }
    }
}
