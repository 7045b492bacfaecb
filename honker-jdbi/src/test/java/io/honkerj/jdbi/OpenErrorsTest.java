package io.honkerj.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.honkerj.api.DatabaseOpenException;
import io.honkerj.api.IncompatibleSchemaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Databases honker cannot use are refused with a message naming the file (or table and column) and the fix. */
class OpenErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryIsNamed() {
        Path file = dir.resolve("no-such-dir").resolve("app.db").toAbsolutePath();
        assertThatThrownBy(() -> Honkers.open(file)).isInstanceOf(DatabaseOpenException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("its directory " + file.getParent() + " does not exist")
                .hasMessageContaining("Create the directory");
        assertThatThrownBy(() -> JdbiHonker.create(Jdbi.create("jdbc:sqlite:" + file)))
                .isInstanceOf(DatabaseOpenException.class)
                .hasMessageContaining("SQLITE_CANTOPEN").hasMessageContaining("directory exists");
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void aFileThatIsNotADatabaseIsNamed() throws IOException {
        Path file = dir.resolve("notes.txt").toAbsolutePath();
        Files.writeString(file, "Dear diary, ".repeat(200));
        assertThatThrownBy(() -> Honkers.open(file)).isInstanceOf(DatabaseOpenException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not an SQLite database (SQLITE_NOTADB)")
                .hasMessageContaining("move this file aside");
        assertThat(Files.readString(file)).startsWith("Dear diary");
    }

    @Test
    void aReadOnlyFileIsRefusedAtOpen() throws Exception {
        Path file = dir.resolve("ro.db").toAbsolutePath();
        Honkers.open(file).close();
        boolean readOnly = makeReadOnly(file);
        try {
            assumeTrue(readOnly, "cannot make a file read-only here (root without chattr)");
            assertThatThrownBy(() -> Honkers.open(file)).isInstanceOf(DatabaseOpenException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("read-only")
                    .hasMessageContaining("writable");
        } finally {
            undoReadOnly(file);
        }
    }

    @Test
    void aReadOnlyConnectionNamesTheFileOnWrite() {
        Path file = dir.resolve("ro-conn.db").toAbsolutePath();
        Honkers.open(file).close();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        assertThatThrownBy(() -> {
            try (JdbiHonker honker = JdbiHonker.create(Jdbi.create(ds))) {
                honker.queue("q").enqueue("x");
            }
        }).isInstanceOf(DatabaseOpenException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("read-only (SQLITE_READONLY)")
                .hasMessageNotContaining("INSERT");
    }

    @Test
    void aForeignHonkerTableIsFoundBeforeAnythingIsCreated() {
        Path file = dir.resolve("app.db").toAbsolutePath();
        Jdbi plain = Jdbi.create("jdbc:sqlite:" + file);
        plain.useHandle(h -> h.execute("CREATE TABLE _honker_live (id INTEGER PRIMARY KEY, name TEXT)"));

        assertThatThrownBy(() -> Honkers.open(file)).isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("Table _honker_live in " + file)
                .hasMessageContaining("no column 'queue'")
                .hasMessageContaining("rename or drop your table");
        assertThatThrownBy(() -> JdbiHonker.create(Jdbi.create("jdbc:sqlite:" + file)))
                .isInstanceOf(IncompatibleSchemaException.class).hasMessageContaining("_honker_live");
        Jdbi withPlugin = Jdbi.create("jdbc:sqlite:" + file).installPlugin(new HonkerPlugin());
        try (Handle h = withPlugin.open()) {
            assertThatThrownBy(() -> JdbiHonker.attach(h)).isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("_honker_live");
        }
        List<String> tables = plain.withHandle(h -> h.createQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").mapTo(String.class).list());
        assertThat(tables).as("nothing was created").containsExactly("_honker_live");
    }

    @Test
    void aPrivateMemoryDatabaseIsRefusedAndASharedOneWorks() {
        assertThatThrownBy(() -> JdbiHonker.create(Jdbi.create("jdbc:sqlite::memory:")))
                .isInstanceOf(DatabaseOpenException.class)
                .hasMessageContaining("memory database of its own")
                .hasMessageContaining("mode=memory&cache=shared");

        Jdbi shared = Jdbi.create("jdbc:sqlite:file:honker-open-errors?mode=memory&cache=shared");
        try (Handle keepAlive = shared.open(); JdbiHonker honker = JdbiHonker.create(shared)) {
            long id = honker.queue("q").enqueue("x");
            assertThat(honker.queue("q").claimOne("w").orElseThrow().id()).isEqualTo(id);
        }
    }

    @Test
    void attachOnAJdbiWithoutThePluginSaysToInstallIt() {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("plain.db"));
        try (Handle h = jdbi.open()) {
            assertThatThrownBy(() -> JdbiHonker.attach(h)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("jdbi.installPlugin(new HonkerPlugin())")
                    .hasMessageNotContaining("SqlObjectPlugin");
        }
    }

    /** Makes a file read-only even for root where it can (chattr +i); false if it cannot. */
    private static boolean makeReadOnly(Path file) throws Exception {
        file.toFile().setWritable(false, false);
        if (!Files.isWritable(file)) {
            return true;
        }
        try {
            new ProcessBuilder("chattr", "+i", file.toString()).redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            return false;
        }
        return !Files.isWritable(file);
    }

    private static void undoReadOnly(Path file) throws Exception {
        try {
            new ProcessBuilder("chattr", "-i", file.toString()).redirectErrorStream(true).start().waitFor();
        } catch (IOException ignored) {
            // no chattr: only the mode was changed
        }
        file.toFile().setWritable(true, false);
    }
}
