package io.honkerj.jdbi.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.HonkerExtension;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The row mappers read by column index: every statement mapped to a row type returns its columns in order. */
class QueueRowMappersTest {
    @RegisterExtension
    final HonkerExtension db = new HonkerExtension(1_700_000_000L);

    private static boolean returns(Method m, Class<?> row) {
        Type t = m.getGenericReturnType();
        if (t == row) {
            return true;
        }
        return t instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] == row;
    }

    private List<String> columns(String method) {
        String sql = ClasspathSqlLocator.removingComments().locate(QueueDao.class, method);
        return db.honker().jdbi().withHandle(h -> {
            try (PreparedStatement st = h.getConnection().prepareStatement(sql)) {
                ResultSetMetaData md = st.getMetaData();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    names.add(md.getColumnName(i));
                }
                return names;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(method + ".sql does not prepare", e);
            }
        });
    }

    private void check(Class<?> row, List<String> expected) {
        List<String> checked = new ArrayList<>();
        for (Method m : QueueDao.class.getDeclaredMethods()) {
            if (!m.isSynthetic() && returns(m, row)) {
                assertThat(columns(m.getName())).as(m.getName() + ".sql").isEqualTo(expected);
                checked.add(m.getName());
            }
        }
        assertThat(checked).isNotEmpty();
    }

    @Test
    void everyStatementMappedToAJobRowReturnsTheLiveColumnsInOrder() {
        check(JobRow.class, QueueRowMappers.JOB_COLUMNS);
    }

    @Test
    void everyStatementMappedToADeadRowReturnsTheDeadColumnsInOrder() {
        check(DeadRow.class, QueueRowMappers.DEAD_COLUMNS);
    }
}
