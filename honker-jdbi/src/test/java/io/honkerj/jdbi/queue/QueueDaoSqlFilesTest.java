package io.honkerj.jdbi.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.junit.jupiter.api.Test;

/** A reader finds every statement by following a DAO method to its file: one method, one file. */
class QueueDaoSqlFilesTest {
    @Test
    void everyMethodHasAFileAndEveryFileAMethod() throws IOException, URISyntaxException {
        Set<String> methods = Arrays.stream(QueueDao.class.getDeclaredMethods())
                .map(Method::getName).collect(Collectors.toSet());
        for (String m : methods) {
            assertThat(ClasspathSqlLocator.create().locate(QueueDao.class, m)).as(m).isNotBlank();
        }
        URI folder = QueueDao.class.getClassLoader().getResource("io/honkerj/jdbi/queue/QueueDao").toURI();
        if (folder.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(folder, Map.of())) {
                assertThat(sqlFileNames(jar.provider().getPath(folder))).isEqualTo(methods);
            }
        } else {
            assertThat(sqlFileNames(Path.of(folder))).isEqualTo(methods);
        }
    }

    private static Set<String> sqlFileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString().replace(".sql", "")).collect(Collectors.toSet());
        }
    }
}
