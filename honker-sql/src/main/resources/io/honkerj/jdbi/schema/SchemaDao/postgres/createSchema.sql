-- Creates the schema honker's tables go in (HonkerConfig.setSchema), if missing, after lockBootstrap.
-- <schema> is the name in double quotes (its case is kept), put there by Schema.bootstrap: the name is
-- checked by HonkerConfig (letters, digits, _), and Jdbi does not fill in a <name> inside quotes.
CREATE SCHEMA IF NOT EXISTS <schema>
