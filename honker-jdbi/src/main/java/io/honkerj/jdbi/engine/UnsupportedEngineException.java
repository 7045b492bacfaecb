package io.honkerj.jdbi.engine;

import io.honkerj.api.HonkerException;

/** Thrown when honker is given a connection to a database it has no statements for. */
public final class UnsupportedEngineException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /** The product name the driver reported. */
    private final String productName;

    /**
     * Creates the exception.
     *
     * @param productName the product name the JDBC driver reported
     */
    public UnsupportedEngineException(String productName) {
        super("honker runs on SQLite and PostgreSQL, not on '" + productName
                + "' (the JDBC driver's DatabaseMetaData.getDatabaseProductName()); use a DataSource or Jdbi of"
                + " one of those (product: " + productName + ")");
        this.productName = productName;
    }

    /**
     * The product name the driver reported.
     *
     * @return e.g. {@code H2}
     */
    public String productName() {
        return productName;
    }
}
