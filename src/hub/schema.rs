//! The hub's schema (`storykiosk` in the event's database): created and
//! migrated by `storykiosk hub init`, versioned in `storykiosk.meta`, and
//! the grants and row-level security that make each kiosk a least-privilege
//! client.
//!
//! Kiosks are members of one group role per database, `<db>_kiosks`. The
//! group may:
//! - add rows to `pledges` whose `kiosk_role` is the kiosk's own (row-level
//!   security; the column defaults to it), and nothing else there: no read,
//!   no change, no delete;
//! - read, add and change its own row of `heartbeats`, no other;
//! - read `meta` (the schema version);
//! - call `event_total`, `event_names`, `event_levels`, `event_calling`
//!   and `event_feed`, which return the event's count, sum, the first
//!   names donors asked to have shown, the paddle raise's gifts at each
//!   amount, the level being called, and the newest gifts' amounts (with
//!   those names, and paddle numbers) for the big screen to celebrate;
//!   never a donor's details.

use postgres::GenericClient;

use super::{HubError, SCHEMA_VERSION, ident};

/// Each version's statements, in order; `meta`'s `schema_version` counts
/// those applied.
const MIGRATIONS: &[&str] = &[
    // 1: pledges, kiosks, heartbeats, the total and its notification.
    "CREATE TABLE storykiosk.kiosks (
        role name PRIMARY KEY,
        name text NOT NULL UNIQUE,
        added_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz
    );
    CREATE TABLE storykiosk.pledges (
        id uuid PRIMARY KEY,
        kiosk_role name NOT NULL DEFAULT current_user,
        received_at timestamptz NOT NULL DEFAULT now(),
        kiosk_seq bigint NOT NULL,
        reference text NOT NULL,
        created_at timestamptz NOT NULL,
        kiosk_id text NOT NULL,
        event_id text NOT NULL,
        pack_id text NOT NULL,
        pack_version text NOT NULL,
        locale text NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency text NOT NULL,
        currency_exponent smallint NOT NULL CHECK (currency_exponent BETWEEN 0 AND 4),
        frequency text NOT NULL CHECK (frequency IN ('one_time', 'monthly')),
        donor_name text,
        donor_email text,
        donor_phone text,
        dedication text,
        anonymous boolean NOT NULL,
        consents text NOT NULL,
        statement_version text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'confirmed', 'fulfilled', 'cancelled')),
        sealed bytea,
        public_name text
    );
    CREATE INDEX pledges_by_event ON storykiosk.pledges (event_id, currency);
    CREATE INDEX pledges_by_kiosk ON storykiosk.pledges (kiosk_role, kiosk_seq);
    CREATE INDEX pledges_by_arrival ON storykiosk.pledges (received_at);
    CREATE TABLE storykiosk.heartbeats (
        kiosk_role name PRIMARY KEY DEFAULT current_user,
        at timestamptz NOT NULL DEFAULT now(),
        kiosk_id text NOT NULL,
        event_id text NOT NULL,
        pack_id text NOT NULL,
        pack_version text NOT NULL,
        app_version text NOT NULL,
        waiting bigint NOT NULL,
        last_pledge timestamptz,
        started_at timestamptz NOT NULL,
        disk_free bigint,
        problem text
    );
    ALTER TABLE storykiosk.pledges ENABLE ROW LEVEL SECURITY;
    ALTER TABLE storykiosk.heartbeats ENABLE ROW LEVEL SECURITY;
    CREATE FUNCTION storykiosk.announce_pledge() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('storykiosk_pledges', NEW.event_id);
            RETURN NULL;
        END $$;
    CREATE TRIGGER pledges_announce AFTER INSERT ON storykiosk.pledges
        FOR EACH ROW EXECUTE FUNCTION storykiosk.announce_pledge();
    CREATE FUNCTION storykiosk.event_total(event text, cur text)
        RETURNS TABLE (pledges bigint, sum_minor bigint, own_max_seq bigint)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT
            (SELECT count(*) FROM storykiosk.pledges
                WHERE event_id = event AND currency = cur AND status <> 'cancelled'),
            (SELECT COALESCE(sum(amount_minor), 0)::bigint FROM storykiosk.pledges
                WHERE event_id = event AND currency = cur AND status <> 'cancelled'),
            (SELECT COALESCE(max(kiosk_seq), 0) FROM storykiosk.pledges
                WHERE kiosk_role = session_user)
        $$;
    CREATE FUNCTION storykiosk.event_names(event text, lim integer)
        RETURNS SETOF text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT public_name FROM storykiosk.pledges
        WHERE event_id = event AND public_name IS NOT NULL AND NOT anonymous
            AND status <> 'cancelled'
        ORDER BY created_at DESC LIMIT least(lim, 200)
        $$;
    REVOKE ALL ON FUNCTION storykiosk.event_total(text, text) FROM PUBLIC;
    REVOKE ALL ON FUNCTION storykiosk.event_names(text, integer) FROM PUBLIC;",
    // 2: the paddle raise. Entries have a kind (a visitor's pledge, a
    // paddle, or the cancellation of a paddle: a row of its own naming the
    // entry, since a kiosk may only add rows); a pledge counts unless a
    // cancellation from the same kiosk names it, whichever arrived first.
    // A kiosk's heartbeat carries the level its volunteer is calling; a
    // change is announced like a pledge.
    "ALTER TABLE storykiosk.pledges
        ADD COLUMN kind text NOT NULL DEFAULT 'kiosk'
            CHECK (kind IN ('kiosk', 'paddle', 'cancellation')),
        ADD COLUMN paddle integer CHECK (paddle > 0),
        ADD COLUMN cancels uuid,
        ADD CONSTRAINT cancellation_names_entry CHECK ((kind = 'cancellation') = (cancels IS NOT NULL));
    CREATE INDEX pledges_cancels ON storykiosk.pledges (cancels) WHERE cancels IS NOT NULL;
    ALTER TABLE storykiosk.heartbeats
        ADD COLUMN calling_minor bigint CHECK (calling_minor > 0),
        ADD COLUMN calling_since timestamptz;
    CREATE FUNCTION storykiosk.counted(p storykiosk.pledges) RETURNS boolean
        LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
        SELECT p.kind <> 'cancellation' AND p.status <> 'cancelled' AND NOT EXISTS (
            SELECT 1 FROM storykiosk.pledges c
            WHERE c.cancels = p.id AND c.kind = 'cancellation' AND c.kiosk_role = p.kiosk_role)
        $$;
    CREATE OR REPLACE FUNCTION storykiosk.event_total(event text, cur text)
        RETURNS TABLE (pledges bigint, sum_minor bigint, own_max_seq bigint)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT
            (SELECT count(*) FROM storykiosk.pledges p
                WHERE event_id = event AND currency = cur AND storykiosk.counted(p)),
            (SELECT COALESCE(sum(amount_minor), 0)::bigint FROM storykiosk.pledges p
                WHERE event_id = event AND currency = cur AND storykiosk.counted(p)),
            (SELECT COALESCE(max(kiosk_seq), 0) FROM storykiosk.pledges
                WHERE kiosk_role = session_user)
        $$;
    CREATE FUNCTION storykiosk.event_levels(event text, cur text)
        RETURNS TABLE (amount_minor bigint, gifts bigint)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT p.amount_minor, count(*) FROM storykiosk.pledges p
        WHERE p.event_id = event AND p.currency = cur AND p.kind = 'paddle'
            AND storykiosk.counted(p)
        GROUP BY p.amount_minor ORDER BY p.amount_minor
        $$;
    CREATE FUNCTION storykiosk.event_calling(event text)
        RETURNS TABLE (amount_minor bigint, since timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT calling_minor, calling_since FROM storykiosk.heartbeats
        WHERE event_id = event AND calling_since IS NOT NULL
        ORDER BY calling_since DESC LIMIT 1
        $$;
    CREATE FUNCTION storykiosk.event_feed(event text, cur text, lim integer)
        RETURNS TABLE (id text, amount_minor bigint, public_name text, paddle integer)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT p.id::text, p.amount_minor, CASE WHEN NOT p.anonymous THEN p.public_name END,
            p.paddle
        FROM storykiosk.pledges p
        WHERE p.event_id = event AND p.currency = cur AND storykiosk.counted(p)
        ORDER BY p.received_at DESC, p.kiosk_seq DESC LIMIT least(lim, 200)
        $$;
    CREATE TRIGGER heartbeats_calling_added AFTER INSERT ON storykiosk.heartbeats
        FOR EACH ROW WHEN (NEW.calling_since IS NOT NULL)
        EXECUTE FUNCTION storykiosk.announce_pledge();
    CREATE TRIGGER heartbeats_calling_changed AFTER UPDATE ON storykiosk.heartbeats
        FOR EACH ROW WHEN (NEW.calling_since IS DISTINCT FROM OLD.calling_since)
        EXECUTE FUNCTION storykiosk.announce_pledge();
    REVOKE ALL ON FUNCTION storykiosk.counted(storykiosk.pledges) FROM PUBLIC;
    REVOKE ALL ON FUNCTION storykiosk.event_levels(text, text) FROM PUBLIC;
    REVOKE ALL ON FUNCTION storykiosk.event_calling(text) FROM PUBLIC;
    REVOKE ALL ON FUNCTION storykiosk.event_feed(text, text, integer) FROM PUBLIC;",
];

/// The kiosks' group role in the database `db`.
pub fn group_role(db: &str) -> String {
    format!("{db}_kiosks")
}

/// The hub's schema version; `None` when it has no schema yet (a
/// `meta` table without a version is version 0).
pub fn version(client: &mut impl GenericClient) -> Result<Option<i32>, HubError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('storykiosk.meta') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(None);
    }
    let row = client.query_opt(
        "SELECT value FROM storykiosk.meta WHERE key = 'schema_version'",
        &[],
    )?;
    Ok(Some(
        row.and_then(|r| r.get::<_, String>(0).parse().ok())
            .unwrap_or(0),
    ))
}

/// Checks, as a kiosk, that the hub's schema is the one this storykiosk
/// writes: a clear message when it is older or newer (then nothing is sent,
/// and the pledges wait on the kiosk).
pub fn check(client: &mut impl GenericClient) -> Result<(), HubError> {
    match version(client)? {
        Some(SCHEMA_VERSION) => Ok(()),
        None => Err(HubError::Schema(
            "the hub has no storykiosk schema yet: run `storykiosk hub init URL` at the hub"
                .to_owned(),
        )),
        Some(v) if v < SCHEMA_VERSION => Err(HubError::Schema(format!(
            "the hub's schema is version {v}, older than this kiosk's ({SCHEMA_VERSION}): \
             run `storykiosk hub init URL` with this version of storykiosk to bring it up to date"
        ))),
        Some(v) => Err(HubError::Schema(format!(
            "the hub's schema is version {v}, newer than this kiosk knows ({SCHEMA_VERSION}): \
             update storykiosk on this kiosk"
        ))),
    }
}

/// Creates or migrates the schema in the database `client` is connected
/// to, and (re)grants the kiosks' group its rights. Returns the version
/// found and the version now. All in one transaction: a failure changes
/// nothing.
pub fn init(client: &mut postgres::Client) -> Result<(i32, i32), HubError> {
    migrate_to(client, SCHEMA_VERSION)
}

/// As [`init`], up to `target` (at most [`SCHEMA_VERSION`]): how a hub
/// made by an older storykiosk is set up, to try bringing it up to date.
pub fn migrate_to(client: &mut postgres::Client, target: i32) -> Result<(i32, i32), HubError> {
    let target = target.min(SCHEMA_VERSION);
    let mut tx = client.transaction()?;
    tx.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS storykiosk;
        CREATE TABLE IF NOT EXISTS storykiosk.meta (key text PRIMARY KEY, value text NOT NULL);
        LOCK TABLE storykiosk.meta IN EXCLUSIVE MODE;",
    )?;
    let found = version(&mut tx)?.unwrap_or(0);
    if found > SCHEMA_VERSION {
        return Err(HubError::Schema(format!(
            "the hub's schema is version {found}, newer than this storykiosk knows \
             ({SCHEMA_VERSION}): run `hub init` with a newer storykiosk"
        )));
    }
    let now = found.max(target);
    for sql in MIGRATIONS
        .iter()
        .take(usize::try_from(now).unwrap_or(0))
        .skip(usize::try_from(found).unwrap_or(0))
    {
        tx.batch_execute(sql)?;
    }
    tx.execute(
        "INSERT INTO storykiosk.meta (key, value) VALUES ('schema_version', $1)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        &[&now.to_string()],
    )?;
    grant(&mut tx, now)?;
    tx.commit()?;
    Ok((found, now))
}

/// The kiosks' group role, and what it may do (see the module's docs) at
/// schema `version`.
fn grant(tx: &mut postgres::Transaction<'_>, version: i32) -> Result<(), HubError> {
    let db: String = tx.query_one("SELECT current_database()", &[])?.get(0);
    let group = ident(&group_role(&db));
    let exists: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&group_role(&db)],
        )?
        .get(0);
    if !exists {
        tx.batch_execute(&format!("CREATE ROLE {group} NOLOGIN"))?;
    }
    tx.batch_execute(&format!(
        "REVOKE ALL ON SCHEMA storykiosk FROM PUBLIC;
        GRANT USAGE ON SCHEMA storykiosk TO {group};
        REVOKE ALL ON ALL TABLES IN SCHEMA storykiosk FROM {group};
        GRANT SELECT ON storykiosk.meta TO {group};
        GRANT INSERT ON storykiosk.pledges TO {group};
        GRANT SELECT, INSERT, UPDATE ON storykiosk.heartbeats TO {group};
        GRANT EXECUTE ON FUNCTION storykiosk.event_total(text, text) TO {group};
        GRANT EXECUTE ON FUNCTION storykiosk.event_names(text, integer) TO {group};
        DROP POLICY IF EXISTS kiosk_adds_own ON storykiosk.pledges;
        CREATE POLICY kiosk_adds_own ON storykiosk.pledges FOR INSERT TO {group}
            WITH CHECK (kiosk_role = current_user);
        DROP POLICY IF EXISTS kiosk_own_heartbeat ON storykiosk.heartbeats;
        CREATE POLICY kiosk_own_heartbeat ON storykiosk.heartbeats FOR ALL TO {group}
            USING (kiosk_role = current_user) WITH CHECK (kiosk_role = current_user);"
    ))?;
    if version >= 2 {
        tx.batch_execute(&format!(
            "GRANT EXECUTE ON FUNCTION storykiosk.event_levels(text, text) TO {group};
            GRANT EXECUTE ON FUNCTION storykiosk.event_calling(text) TO {group};
            GRANT EXECUTE ON FUNCTION storykiosk.event_feed(text, text, integer) TO {group};"
        ))?;
    }
    Ok(())
}
