-- Stops listening before the dedicated connection goes back to its pool: a pooled connection still
-- listening would queue every later wake-up in the driver, unread, for as long as the pool keeps it.
UNLISTEN *
