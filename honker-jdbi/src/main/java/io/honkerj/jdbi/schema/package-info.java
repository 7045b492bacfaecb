/**
 * The honker schema: upstream-identical tables and indexes, created idempotently on open, with upstream's
 * column migrations. Its SQL is in {@code io/honkerj/jdbi/schema/SchemaDao/}.
 */
package io.honkerj.jdbi.schema;
