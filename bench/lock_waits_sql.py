"""The lock-wait sampler's loop, run inside PostgreSQL (``bench/lock_waits.py``): no client
round trip per sample, so the only CPU it costs is its backend's.

Each pass clears the backend-status snapshot (``pg_stat_activity`` is otherwise frozen for
the transaction), counts the role's backends waiting on a lock, and adds waiters x the time
since the previous pass. It stops once the advisory lock ``stop_key``, held by the sampler's
other connection for the run, is released.
"""

SAMPLER_FUNCTION = r"""
CREATE FUNCTION pg_temp.bench_lock_waits(
    role name, pause float8, stop_key bigint,
    OUT samples int, OUT window_s float8, OUT stock_wait_s float8, OUT other_wait_s float8,
    OUT stock_busy_s float8, OUT stock_observed int, OUT others text[])
LANGUAGE plpgsql AS $$
DECLARE
    last timestamptz := clock_timestamp();
    now_ timestamptz;
    dt float8;
    stock int;
    waiting int;
    seen text[];
BEGIN
    samples := 0; window_s := 0; stock_wait_s := 0; other_wait_s := 0;
    stock_busy_s := 0; stock_observed := 0; others := '{}';
    LOOP
        PERFORM pg_stat_clear_snapshot();
        SELECT count(*) FILTER (WHERE a.query ~* '\mproducts\M'), count(*),
               array_agg(a.wait_event || ': '
                         || left(regexp_replace(a.query, '\s+', ' ', 'g'), 60))
                   FILTER (WHERE a.query !~* '\mproducts\M')
          INTO stock, waiting, seen
          FROM pg_stat_activity a
         WHERE a.usename = role AND a.wait_event_type = 'Lock';
        now_ := clock_timestamp();
        dt := extract(epoch FROM now_ - last);
        last := now_;
        samples := samples + 1;
        window_s := window_s + dt;
        stock_wait_s := stock_wait_s + stock * dt;
        other_wait_s := other_wait_s + (waiting - stock) * dt;
        stock_observed := stock_observed + stock;
        IF stock > 0 THEN stock_busy_s := stock_busy_s + dt; END IF;
        IF seen IS NOT NULL THEN others := others || seen; END IF;
        EXIT WHEN pg_try_advisory_xact_lock_shared(stop_key);
        PERFORM pg_sleep(pause);
    END LOOP;
END $$
"""
CALL_SAMPLER = "SELECT * FROM pg_temp.bench_lock_waits($1, $2, $3)"
DEADLOCKS = "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"
