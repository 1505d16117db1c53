"""A Citus cluster on loopback for ``make test-citus``, and the tests that need one."""
