package io.honkerj.jdbi.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jdbi.v3.core.extension.annotation.UseExtensionConfigurer;

/**
 * Put on a honker DAO: its statements are found by {@link EngineSqlLocator}, for the handle's engine. Only
 * honker's DAOs carry it, so the app's own SqlObjects keep whatever locator the app configured.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@UseExtensionConfigurer(UseEngineSqlLocatorImpl.class)
public @interface UseEngineSqlLocator {}
