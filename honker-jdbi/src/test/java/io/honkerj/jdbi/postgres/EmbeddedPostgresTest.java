package io.honkerj.jdbi.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tests' PostgreSQL starts (also as root) and answers; its start-up time is printed for the CI budget. */
class EmbeddedPostgresTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Test
    void connectsAndAnswersSelectVersion() throws Exception {
        try (Connection c = PG.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select version(), current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("PostgreSQL");
            assertThat(rs.getString(2)).startsWith("honkerj_embeddedpostgrestest_");
            System.out.printf("embedded PostgreSQL: %s, started by %s in %d ms%n", rs.getString(1),
                    EmbeddedPostgresExtension.launcher(), EmbeddedPostgresExtension.startupTime().toMillis());
        }
    }

    @Test
    void theSharedServerRefusesToStopOrRestart() {
        assertThatThrownBy(PG::restart).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("other test classes are using it").hasMessageContaining("ownServer()");
        assertThatThrownBy(PG::stop).isInstanceOf(IllegalStateException.class);
    }
}
