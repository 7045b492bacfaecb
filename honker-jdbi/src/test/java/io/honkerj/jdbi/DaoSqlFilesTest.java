package io.honkerj.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.engine.Engine;
import io.honkerj.jdbi.engine.EngineSqlLocator;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reader finds every statement by following a DAO method to its file: one method, one file, both ways, for
 * each engine. A method's file for an engine is {@code <Dao>/<engine>/<method>.sql} or else the shared
 * {@code <Dao>/<method>.sql}; every file in a DAO's folder or in one of its engine folders is a method's.
 * That a shared file an engine falls back to is valid on that engine is {@code PostgresSqlFilesTest}'s check.
 */
class DaoSqlFilesTest {
    static final String[] DAOS = {
        "io.honkerj.jdbi.schema.SchemaDao",
        "io.honkerj.jdbi.queue.QueueDao",
        "io.honkerj.jdbi.lock.LockDao",
        "io.honkerj.jdbi.ratelimit.RateLimitDao",
        "io.honkerj.jdbi.result.ResultDao",
        "io.honkerj.jdbi.notify.NotifyDao",
        "io.honkerj.jdbi.stream.StreamDao",
        "io.honkerj.jdbi.scheduler.SchedulerDao",
        "io.honkerj.jdbi.metrics.MetricsDao",
        "io.honkerj.jdbi.move.SourceDao",
        "io.honkerj.jdbi.move.TargetDao",
    };

    static Stream<Arguments> daosAndEngines() {
        return Arrays.stream(DAOS).flatMap(d -> Arrays.stream(Engine.values()).map(e -> Arguments.of(d, e)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("daosAndEngines")
    void everyMethodHasAFileAndEveryFileAMethod(String daoName, Engine engine) throws Exception {
        Class<?> dao = Class.forName(daoName);
        Set<String> methods = statementNames(dao);
        EngineSqlLocator locator = new EngineSqlLocator();
        for (String m : methods) {
            assertThat(locator.locate(dao, m, engine)).as(m).isNotBlank();
        }
        String folder = dao.getName().replace('.', '/');
        assertThat(inFolder(dao, folder, DaoSqlFilesTest::sqlFileNames)).as("shared files of " + dao)
                .isEqualTo(methods);
        assertThat(inFolder(dao, folder + "/" + engine.folder(), DaoSqlFilesTest::sqlFileNames))
                .as(engine + " files of " + dao).isSubsetOf(methods);
        assertThat(inFolder(dao, folder, DaoSqlFilesTest::subfolders)).as("engine folders of " + dao)
                .isSubsetOf(Arrays.stream(Engine.values()).map(Engine::folder).collect(Collectors.toSet()));
    }

    /** The statement names of a DAO's methods (each names one {@code .sql} file). */
    static Set<String> statementNames(Class<?> dao) {
        return Arrays.stream(dao.getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && !m.isDefault())
                .map(EngineSqlLocator::statementName).collect(Collectors.toSet());
    }

    private static Set<String> inFolder(Class<?> dao, String folder, Function<Path, Set<String>> read)
            throws Exception {
        URL url = dao.getClassLoader().getResource(folder);
        if (url == null) {
            return Set.of();
        }
        URI uri = url.toURI();
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return read.apply(jar.provider().getPath(uri));
            }
        }
        return read.apply(Path.of(uri));
    }

    private static Set<String> sqlFileNames(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString().replace(".sql", "")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> subfolders(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString().replace("/", "")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
