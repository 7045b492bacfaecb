package io.honkerj.dashboard;

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
import org.junit.jupiter.api.Test;

/** As honker-jdbi's DaoSqlFilesTest: every DashboardDao method has its file in honker-sql, every file a method. */
class DashboardSqlFilesTest {
    @Test
    void everyMethodHasAFileAndEveryFileAMethod() throws Exception {
        Class<?> dao = DashboardDao.class;
        Set<String> methods = Arrays.stream(dao.getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && !m.isDefault())
                .map(Method::getName).collect(Collectors.toSet());
        for (String m : methods) {
            assertThat(ClasspathSqlLocator.create().locate(dao, m)).as(m).isNotBlank();
            try (var in = dao.getClassLoader().getResourceAsStream(dao.getName().replace('.', '/') + "/" + m + ".sql")) {
                assertThat(new String(in.readAllBytes())).as(m + ".sql starts with what it does").startsWith("-- ");
            }
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
            // engine folders (postgres/) hold other engines' versions of the same methods
            return files.filter(p -> !Files.isDirectory(p))
                    .map(p -> p.getFileName().toString().replace(".sql", "")).collect(Collectors.toSet());
        }
    }
}
