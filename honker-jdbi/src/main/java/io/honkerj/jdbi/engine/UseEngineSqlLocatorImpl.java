package io.honkerj.jdbi.engine;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionConfigurer;
import org.jdbi.v3.sqlobject.SqlObjects;

/** What {@link UseEngineSqlLocator} does: sets the DAO's locator to the shared {@link EngineSqlLocator}. */
public final class UseEngineSqlLocatorImpl implements ExtensionConfigurer {
    private static final EngineSqlLocator LOCATOR = new EngineSqlLocator();

    /** Created by Jdbi for each annotated DAO. */
    public UseEngineSqlLocatorImpl() {}

    @Override
    public void configureForType(ConfigRegistry registry, Annotation annotation, Class<?> sqlObjectType) {
        registry.get(SqlObjects.class).setSqlLocator(LOCATOR);
    }

    @Override
    public void configureForMethod(ConfigRegistry registry, Annotation annotation, Class<?> sqlObjectType,
            Method method) {
        configureForType(registry, annotation, sqlObjectType);
    }
}
