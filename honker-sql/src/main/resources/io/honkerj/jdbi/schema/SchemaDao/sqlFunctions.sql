-- Creates honker's SQL functions in the database, for engines that cannot register them in Java on each
-- connection (Engine.javaSqlFunctions() false: see postgres/sqlFunctions.sql). Not run on SQLite, where
-- HonkerPlugin registers notify() on every connection: this statement only checks the connection.
SELECT 1
