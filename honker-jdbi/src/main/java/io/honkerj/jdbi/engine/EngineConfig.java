package io.honkerj.jdbi.engine;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The engine honker's statements are looked up for, read by {@link EngineSqlLocator}. It is
 * {@link Engine#SQLITE} until {@link #detect(Handle)} (which {@code HonkerPlugin} runs on every handle)
 * sets it from the handle's connection.
 */
public final class EngineConfig implements JdbiConfig<EngineConfig> {
    private Engine engine;

    /** Creates the configuration Jdbi keeps (engine SQLite until detected). */
    public EngineConfig() {
        this.engine = Engine.SQLITE;
    }

    private EngineConfig(EngineConfig other) {
        this.engine = other.engine;
    }

    /**
     * The engine statements are looked up for.
     *
     * @return the engine
     */
    public Engine engine() {
        return engine;
    }

    /**
     * Sets the engine statements are looked up for.
     *
     * @param value the engine
     * @return this configuration
     */
    public EngineConfig setEngine(Engine value) {
        if (value == null) {
            throw new IllegalArgumentException("engine must not be null");
        }
        this.engine = value;
        return this;
    }

    /**
     * Sets the handle's engine from its connection's metadata.
     *
     * @param handle an open handle
     * @return the engine found
     * @throws UnsupportedEngineException if the connection is to a database honker does not run on
     * @throws java.sql.SQLException if the connection's metadata cannot be read
     */
    public static Engine detect(Handle handle) throws java.sql.SQLException {
        Engine found = Engine.of(handle.getConnection());
        handle.getConfig(EngineConfig.class).setEngine(found);
        return found;
    }

    @Override
    public EngineConfig createCopy() {
        return new EngineConfig(this);
    }
}
