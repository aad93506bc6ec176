import { LEVELS, OWNERS, PAGE_STATUSES, PLATFORMS, REGIONS, SCHEME_IDS, UNIT_KINDS } from '@mttq/core';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const isDate = (column: string) => `(${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(${column}) IS ${column})`;
const isFlag = (column: string) => `${column} IN (0, 1)`;
const kindCheck = LEVELS.map((level) => `(level = '${level}' AND kind IN (${list(UNIT_KINDS[level])}))`).join(' OR ');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rebuilds a table other tables reference: run with foreign keys off (SQLite's documented way
   * to rebuild a table), then checked with PRAGMA foreign_key_check before committing.
   */
  isRebuild?: boolean;
}

/**
 * Versioned schema changes, applied in order at start-up and recorded in schema_migrations.
 * Never edit a migration that has shipped: add a new one.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'units, crosswalk, pages, status events, metric snapshots',
    sql: /* sql */ `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE units (
        scheme TEXT NOT NULL CHECK (scheme IN (${list(SCHEME_IDS)})),
        code TEXT NOT NULL CHECK (code NOT GLOB '*[^0-9]*'),
        level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
        name TEXT NOT NULL CHECK (length(name) > 0),
        short_name TEXT NOT NULL CHECK (length(short_name) > 0),
        kind TEXT NOT NULL,
        parent_code TEXT,
        province_code TEXT NOT NULL,
        region TEXT NOT NULL CHECK (region IN (${list(REGIONS)})),
        PRIMARY KEY (scheme, code),
        FOREIGN KEY (scheme, parent_code) REFERENCES units (scheme, code),
        FOREIGN KEY (scheme, province_code) REFERENCES units (scheme, code),
        CHECK ((level = 'province') = (parent_code IS NULL)),
        CHECK (level <> 'province' OR province_code = code),
        CHECK (length(code) = CASE level WHEN 'province' THEN 2 WHEN 'district' THEN 3 ELSE 5 END),
        CHECK (NOT (scheme = 'reform34' AND level = 'district')),
        CHECK (${kindCheck})
      ) WITHOUT ROWID;
      CREATE INDEX units_by_parent ON units (scheme, parent_code);
      CREATE INDEX units_by_level ON units (scheme, level, province_code);

      -- legacy63 unit → reform34 unit; basis says how the edge was established.
      CREATE TABLE crosswalk (
        from_scheme TEXT NOT NULL DEFAULT 'legacy63' CHECK (from_scheme = 'legacy63'),
        from_code TEXT NOT NULL,
        to_scheme TEXT NOT NULL DEFAULT 'reform34' CHECK (to_scheme = 'reform34'),
        to_code TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('province', 'commune')),
        basis TEXT NOT NULL CHECK (basis IN ('code', 'name', 'manual')),
        is_split INTEGER NOT NULL CHECK (${isFlag('is_split')}),
        PRIMARY KEY (from_code, to_code),
        FOREIGN KEY (from_scheme, from_code) REFERENCES units (scheme, code),
        FOREIGN KEY (to_scheme, to_code) REFERENCES units (scheme, code)
      ) WITHOUT ROWID;
      CREATE INDEX crosswalk_by_target ON crosswalk (to_code);

      -- legacy63 communes the crosswalk could not place: listed, never dropped.
      CREATE TABLE crosswalk_unmatched (
        scheme TEXT NOT NULL DEFAULT 'legacy63' CHECK (scheme = 'legacy63'),
        code TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('no-mapping-row', 'ambiguous-name')),
        PRIMARY KEY (scheme, code),
        FOREIGN KEY (scheme, code) REFERENCES units (scheme, code)
      ) WITHOUT ROWID;

      CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL CHECK (platform IN (${list(PLATFORMS)})),
        url TEXT NOT NULL UNIQUE CHECK ((url LIKE 'https://_%' OR url LIKE 'http://_%') AND length(url) <= 2048),
        platform_id TEXT,
        name TEXT NOT NULL CHECK (length(name) > 0),
        owner TEXT NOT NULL CHECK (owner IN (${list(OWNERS)})),
        launched_on TEXT NOT NULL CHECK ${isDate('launched_on')},
        is_demo INTEGER NOT NULL DEFAULT 0 CHECK (${isFlag('is_demo')}),
        UNIQUE (platform, platform_id)
      );

      -- A page belongs to at most one unit per scheme; it outlives a reform through these.
      CREATE TABLE page_assignments (
        page_id INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
        scheme TEXT NOT NULL CHECK (scheme IN (${list(SCHEME_IDS)})),
        unit_code TEXT NOT NULL,
        basis TEXT NOT NULL CHECK (basis IN ('direct', 'crosswalk', 'manual')),
        is_demo INTEGER NOT NULL DEFAULT 0 CHECK (${isFlag('is_demo')}),
        PRIMARY KEY (page_id, scheme),
        FOREIGN KEY (scheme, unit_code) REFERENCES units (scheme, code)
      ) WITHOUT ROWID;
      CREATE INDEX page_assignments_by_unit ON page_assignments (scheme, unit_code);

      CREATE TABLE page_status_events (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('reported', 'verified', 'rejected', 'active', 'inactive', 'closed')),
        effective_on TEXT NOT NULL CHECK ${isDate('effective_on')},
        recorded_by TEXT NOT NULL CHECK (length(recorded_by) > 0),
        recorded_at TEXT NOT NULL,
        note TEXT,
        is_demo INTEGER NOT NULL DEFAULT 0 CHECK (${isFlag('is_demo')})
      );
      CREATE INDEX page_status_events_by_page ON page_status_events (page_id, effective_on);

      CREATE TABLE metric_snapshots (
        page_id INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
        month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND substr(month, 6, 2) BETWEEN '01' AND '12'),
        followers INTEGER NOT NULL CHECK (followers >= 0),
        posts INTEGER NOT NULL CHECK (posts >= 0),
        interactions INTEGER NOT NULL CHECK (interactions >= 0),
        views INTEGER CHECK (views IS NULL OR views >= 0),
        last_post_on TEXT CHECK (last_post_on IS NULL OR ${isDate('last_post_on')}),
        source TEXT NOT NULL CHECK (source IN ('manual', 'import', 'connector')),
        is_demo INTEGER NOT NULL DEFAULT 0 CHECK (${isFlag('is_demo')}),
        PRIMARY KEY (page_id, month)
      ) WITHOUT ROWID;
      CREATE INDEX metric_snapshots_by_month ON metric_snapshots (month);
    `,
  },
  {
    version: 2,
    name: 'indexes for coverage at a date',
    sql: /* sql */ `
      -- Seek a page's verified / closed / rejected events directly.
      CREATE INDEX page_status_events_by_status ON page_status_events (page_id, status, effective_on);
      -- Pages that posted in a month, read from the index alone.
      DROP INDEX metric_snapshots_by_month;
      CREATE INDEX metric_snapshots_by_month_posts ON metric_snapshots (month, posts);
    `,
  },
  {
    version: 3,
    name: 'accounts, sessions, audit, reporting periods; reopened pages',
    sql: /* sql */ `
      -- SQLite cannot change a CHECK: rebuild the events table to allow 'reopened'.
      CREATE TABLE page_status_events_v3 (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN (${list(PAGE_STATUSES)})),
        effective_on TEXT NOT NULL CHECK ${isDate('effective_on')},
        recorded_by TEXT NOT NULL CHECK (length(recorded_by) > 0),
        recorded_at TEXT NOT NULL,
        note TEXT,
        is_demo INTEGER NOT NULL DEFAULT 0 CHECK (${isFlag('is_demo')})
      );
      INSERT INTO page_status_events_v3 SELECT id, page_id, status, effective_on, recorded_by, recorded_at, note, is_demo FROM page_status_events;
      DROP TABLE page_status_events;
      ALTER TABLE page_status_events_v3 RENAME TO page_status_events;
      CREATE INDEX page_status_events_by_page ON page_status_events (page_id, effective_on);
      CREATE INDEX page_status_events_by_status ON page_status_events (page_id, status, effective_on);

      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 64),
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'central', 'province', 'viewer')),
        -- The unit subtree a province officer writes for; null for the other roles.
        scope_scheme TEXT,
        scope_code TEXT,
        is_disabled INTEGER NOT NULL DEFAULT 0 CHECK (${isFlag('is_disabled')}),
        is_demo INTEGER NOT NULL DEFAULT 0 CHECK (${isFlag('is_demo')}),
        created_at TEXT NOT NULL,
        FOREIGN KEY (scope_scheme, scope_code) REFERENCES units (scheme, code),
        CHECK ((scope_scheme IS NULL) = (scope_code IS NULL)),
        CHECK ((role = 'province') = (scope_code IS NOT NULL))
      );

      -- Only a hash of the session token is stored; the cookie holds the token.
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_user ON sessions (user_id);

      CREATE TABLE login_failures (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL COLLATE NOCASE,
        failed_at TEXT NOT NULL
      );
      CREATE INDEX login_failures_by_user ON login_failures (username, failed_at);

      -- Every write: who, when, what, before and after (JSON), in the write's own transaction.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
        username TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
        after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json))
      );
      CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
      CREATE INDEX audit_log_by_time ON audit_log (at);

      CREATE TABLE reporting_periods (
        id INTEGER PRIMARY KEY,
        scheme TEXT NOT NULL CHECK (scheme IN (${list(SCHEME_IDS)})),
        month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND substr(month, 6, 2) BETWEEN '01' AND '12'),
        deadline TEXT NOT NULL CHECK ${isDate('deadline')},
        opened_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
        opened_at TEXT NOT NULL,
        UNIQUE (scheme, month)
      );

      -- A province's monthly report: it confirms its units' status and metrics for the month.
      CREATE TABLE province_reports (
        period_id INTEGER NOT NULL REFERENCES reporting_periods (id) ON DELETE CASCADE,
        scheme TEXT NOT NULL,
        province_code TEXT NOT NULL,
        submitted_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
        submitted_at TEXT NOT NULL,
        note TEXT,
        PRIMARY KEY (period_id, province_code),
        FOREIGN KEY (scheme, province_code) REFERENCES units (scheme, code)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'frozen snapshots',
    sql: /* sql */ `
      -- A published snapshot: its figures are stored as the API answered them and never recomputed.
      CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
        scheme TEXT NOT NULL CHECK (scheme IN (${list(SCHEME_IDS)})),
        as_of TEXT NOT NULL CHECK ${isDate('as_of')},
        owner TEXT NOT NULL,
        is_demo INTEGER NOT NULL CHECK (${isFlag('is_demo')}),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        levels_json TEXT NOT NULL CHECK (json_valid(levels_json)),
        figures_json TEXT NOT NULL CHECK (json_valid(figures_json))
      );
    `,
  },
  {
    version: 5,
    name: 'scopes of one or more units of either scheme',
    isRebuild: true,
    sql: /* sql */ `
      -- A province officer's scope: one or more units, of either scheme (auth/scope-image.ts).
      CREATE TABLE user_scopes (
        user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        scheme TEXT NOT NULL CHECK (scheme IN (${list(SCHEME_IDS)})),
        code TEXT NOT NULL,
        PRIMARY KEY (user_id, scheme, code),
        FOREIGN KEY (scheme, code) REFERENCES units (scheme, code)
      ) WITHOUT ROWID;
      INSERT INTO user_scopes (user_id, scheme, code) SELECT id, scope_scheme, scope_code FROM users WHERE scope_code IS NOT NULL;

      -- The single-unit scope columns move to user_scopes; the rest of users stays as it was.
      CREATE TABLE users_v5 (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 64),
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'central', 'province', 'viewer')),
        is_disabled INTEGER NOT NULL DEFAULT 0 CHECK (${isFlag('is_disabled')}),
        is_demo INTEGER NOT NULL DEFAULT 0 CHECK (${isFlag('is_demo')}),
        created_at TEXT NOT NULL
      );
      INSERT INTO users_v5 (id, username, password_hash, role, is_disabled, is_demo, created_at)
        SELECT id, username, password_hash, role, is_disabled, is_demo, created_at FROM users;
      DROP TABLE users;
      ALTER TABLE users_v5 RENAME TO users;
    `,
  },
  {
    version: 6,
    name: 'import plans kept in the database, with what became of them',
    sql: /* sql */ `
      -- A dry run's plan waiting for its commit (plan_gz: the plan as gzipped JSON), then, once
      -- committed, expired or replaced by a newer dry run of the same user, a small tombstone
      -- saying so (the blob is dropped; a committed plan keeps its result to answer a repeated
      -- commit). See apps/api/src/imports/plan-store.ts for the bounds.
      CREATE TABLE import_plans (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        scheme TEXT NOT NULL CHECK (scheme IN (${list(SCHEME_IDS)})),
        totals_json TEXT NOT NULL CHECK (json_valid(totals_json)),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'committed', 'expired', 'replaced')),
        ended_at TEXT,
        replaced_by TEXT,
        plan_gz BLOB,
        result_json TEXT CHECK (result_json IS NULL OR json_valid(result_json)),
        CHECK ((state = 'pending') = (plan_gz IS NOT NULL)),
        CHECK ((state = 'pending') = (ended_at IS NULL)),
        CHECK ((state = 'committed') = (result_json IS NOT NULL)),
        CHECK ((state = 'replaced') = (replaced_by IS NOT NULL))
      );
      CREATE INDEX import_plans_by_user ON import_plans (user_id, state);
      CREATE INDEX import_plans_by_expiry ON import_plans (state, expires_at);
      CREATE INDEX import_plans_by_end ON import_plans (ended_at) WHERE ended_at IS NOT NULL;
    `,
  },
  {
    version: 7,
    name: 'failed sign-ins counted per username and client address',
    sql: /* sql */ `
      -- Failed sign-ins count per (username, client address) and per address (auth/throttle.ts),
      -- so guesses from one address never lock the user out at another. Older rows get ''.
      ALTER TABLE login_failures ADD COLUMN client TEXT NOT NULL DEFAULT '';
      CREATE INDEX login_failures_by_user_client ON login_failures (username, client, failed_at);
      CREATE INDEX login_failures_by_client ON login_failures (client, failed_at);
      CREATE INDEX login_failures_by_time ON login_failures (failed_at);
    `,
  },
  {
    version: 8,
    name: 'connectors: encrypted credentials, collection runs, collected figures beside the reported ones',
    sql: /* sql */ `
      -- A platform credential (apps/api/src/connectors). secret: AES-256-GCM under CONNECTOR_KEY,
      -- iv (12 bytes) | tag (16 bytes) | ciphertext of the JSON secret; never stored in clear.
      CREATE TABLE connector_credentials (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL CHECK (platform IN ('facebook', 'youtube', 'zalo')),
        kind TEXT NOT NULL CHECK (kind IN ('system_user_token', 'page_token', 'api_key', 'oa_token')),
        label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
        page_id INTEGER REFERENCES pages (id) ON DELETE CASCADE,
        secret BLOB NOT NULL CHECK (typeof(secret) = 'blob' AND length(secret) > 28),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        checked_at TEXT,
        check_ok INTEGER CHECK (check_ok IS NULL OR ${isFlag('check_ok')}),
        check_message TEXT,
        CHECK ((kind IN ('page_token', 'oa_token')) = (page_id IS NOT NULL))
      );
      CREATE INDEX connector_credentials_by_page ON connector_credentials (page_id) WHERE page_id IS NOT NULL;

      -- One collection over every page of the collectable platforms for a month.
      CREATE TABLE connector_runs (
        id INTEGER PRIMARY KEY,
        month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND substr(month, 6, 2) BETWEEN '01' AND '12'),
        trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        started_by TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted', 'failed')),
        total INTEGER NOT NULL DEFAULT 0,
        done INTEGER NOT NULL DEFAULT 0,
        collected INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        detail_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail_json)),
        message TEXT
      );
      CREATE INDEX connector_runs_by_month ON connector_runs (month, trigger);
      CREATE INDEX connector_runs_by_status ON connector_runs (status);

      -- What became of each page in a run: collected, skipped with the reason, or failed with the platform's error.
      CREATE TABLE connector_run_pages (
        run_id INTEGER NOT NULL REFERENCES connector_runs (id) ON DELETE CASCADE,
        page_id INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
        platform TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('collected', 'skipped', 'failed')),
        reason TEXT,
        message TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        at TEXT NOT NULL,
        PRIMARY KEY (run_id, page_id)
      ) WITHOUT ROWID;
      CREATE INDEX connector_run_pages_by_outcome ON connector_run_pages (run_id, outcome);

      -- The figures collected from the platform for a month, kept beside the reported ones in
      -- metric_snapshots. null: the platform did not give it (skipped_json says why).
      -- total_posts / total_views: lifetime counters (YouTube) the next month's counts are taken from.
      CREATE TABLE collected_metrics (
        page_id INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
        month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND substr(month, 6, 2) BETWEEN '01' AND '12'),
        platform TEXT NOT NULL,
        followers INTEGER CHECK (followers IS NULL OR followers >= 0),
        posts INTEGER CHECK (posts IS NULL OR posts >= 0),
        interactions INTEGER CHECK (interactions IS NULL OR interactions >= 0),
        views INTEGER CHECK (views IS NULL OR views >= 0),
        total_posts INTEGER,
        total_views INTEGER,
        skipped_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(skipped_json)),
        collected_at TEXT NOT NULL,
        run_id INTEGER REFERENCES connector_runs (id) ON DELETE SET NULL,
        PRIMARY KEY (page_id, month)
      ) WITHOUT ROWID;
      CREATE INDEX collected_metrics_by_month ON collected_metrics (month);
    `,
  },
  {
    version: 9,
    name: 'accounts managed in the web app: temporary passwords, sessions a user can tell apart',
    sql: /* sql */ `
      -- 1 after an account is created or its password reset in the web app: until the user sets a
      -- password of their own, every call but that one answers 403 password_change_required.
      ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (${isFlag('must_change_password')});
      -- The browser that opened a session, as it described itself, so a user can tell sessions apart.
      ALTER TABLE sessions ADD COLUMN user_agent TEXT;
    `,
  },
  {
    version: 10,
    name: 'page search text kept in a column, so a search does not fold every page',
    sql: /* sql */ `
      -- The page's name and URL in searchKey form (pages/page-queries.ts fillSearchText). NULL:
      -- not computed yet; filled before the next search, for new pages and for every page here.
      ALTER TABLE pages ADD COLUMN search_text TEXT;
      CREATE INDEX pages_without_search_text ON pages (id) WHERE search_text IS NULL;
      -- A new name or URL makes the text stale, whichever code wrote it.
      CREATE TRIGGER pages_search_text_stale AFTER UPDATE OF name, url ON pages
      WHEN NEW.search_text IS OLD.search_text
      BEGIN
        UPDATE pages SET search_text = NULL WHERE id = NEW.id;
      END;
    `,
  },
  {
    version: 11,
    name: "an owner's pages found without reading every page",
    sql: /* sql */ `
      -- Coverage and metrics read one owner's pages (the Front's by default); with member
      -- organisations' pages beside them the Front's are a small share, read through this index
      -- (see pageOwnerIs in db/page-rules.ts).
      CREATE INDEX pages_by_owner ON pages (owner, launched_on);
    `,
  },
  {
    version: 12,
    name: 'page search through a trigram index, not a scan of every page',
    sql: /* sql */ `
      -- The pages' search text (migration 10) in an FTS5 trigram index whose rowid is the page
      -- id: a search of 3 characters or more reads the matching pages only (pages/page-search.ts).
      -- Kept by triggers, whichever code writes search_text.
      CREATE VIRTUAL TABLE page_search USING fts5 (search_text, tokenize = 'trigram');
      INSERT INTO page_search (rowid, search_text) SELECT id, search_text FROM pages WHERE search_text IS NOT NULL;
      CREATE TRIGGER page_search_on_insert AFTER INSERT ON pages WHEN NEW.search_text IS NOT NULL
      BEGIN
        INSERT INTO page_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
      END;
      CREATE TRIGGER page_search_on_update AFTER UPDATE OF search_text ON pages
      BEGIN
        DELETE FROM page_search WHERE rowid = OLD.id;
        INSERT INTO page_search (rowid, search_text) SELECT NEW.id, NEW.search_text WHERE NEW.search_text IS NOT NULL;
      END;
      CREATE TRIGGER page_search_on_delete AFTER DELETE ON pages
      BEGIN
        DELETE FROM page_search WHERE rowid = OLD.id;
      END;
    `,
  },
  {
    version: 13,
    name: "an officer's column mapping, remembered for the next file with the same headers",
    sql: /* sql */ `
      -- What a user said the columns of an import file are (imports/column-mappings.ts), kept
      -- when they commit a plan made with it, by the file's header signature (its headers
      -- folded); the next dry run of a file with the same headers applies it.
      CREATE TABLE import_column_mappings (
        user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        signature TEXT NOT NULL,
        mapping_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (user_id, signature)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 14,
    name: 'a log of the changes that move coverage figures',
    sql: /* sql */ `
      -- Which pages changed in a way coverage can see, written by triggers in the transaction of
      -- the write itself, whichever code writes: the in-memory page histories
      -- (coverage/page-histories.ts) read the entries after the last one they applied. month is
      -- null for a change to the page, its units or its lifecycle events; for monthly figures it
      -- names the month whose figures changed. Emptied at start-up.
      CREATE TABLE figure_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        page_id INTEGER NOT NULL,
        month TEXT
      );
      CREATE TRIGGER figure_changes_page_insert AFTER INSERT ON pages
      BEGIN INSERT INTO figure_changes (page_id) VALUES (NEW.id); END;
      CREATE TRIGGER figure_changes_page_update AFTER UPDATE OF id, owner, platform, launched_on ON pages
      BEGIN INSERT INTO figure_changes (page_id) VALUES (OLD.id), (NEW.id); END;
      CREATE TRIGGER figure_changes_page_delete AFTER DELETE ON pages
      BEGIN INSERT INTO figure_changes (page_id) VALUES (OLD.id); END;
      CREATE TRIGGER figure_changes_assignment_insert AFTER INSERT ON page_assignments
      BEGIN INSERT INTO figure_changes (page_id) VALUES (NEW.page_id); END;
      CREATE TRIGGER figure_changes_assignment_update AFTER UPDATE ON page_assignments
      BEGIN INSERT INTO figure_changes (page_id) VALUES (OLD.page_id), (NEW.page_id); END;
      CREATE TRIGGER figure_changes_assignment_delete AFTER DELETE ON page_assignments
      BEGIN INSERT INTO figure_changes (page_id) VALUES (OLD.page_id); END;
      CREATE TRIGGER figure_changes_event_insert AFTER INSERT ON page_status_events
      WHEN NEW.status IN ('closed', 'rejected', 'reopened', 'verified')
      BEGIN INSERT INTO figure_changes (page_id) VALUES (NEW.page_id); END;
      CREATE TRIGGER figure_changes_event_update AFTER UPDATE ON page_status_events
      BEGIN INSERT INTO figure_changes (page_id) VALUES (OLD.page_id), (NEW.page_id); END;
      CREATE TRIGGER figure_changes_event_delete AFTER DELETE ON page_status_events
      WHEN OLD.status IN ('closed', 'rejected', 'reopened', 'verified')
      BEGIN INSERT INTO figure_changes (page_id) VALUES (OLD.page_id); END;
      CREATE TRIGGER figure_changes_figures_insert AFTER INSERT ON metric_snapshots
      BEGIN INSERT INTO figure_changes (page_id, month) VALUES (NEW.page_id, NEW.month); END;
      CREATE TRIGGER figure_changes_figures_update AFTER UPDATE OF page_id, month, followers, posts, interactions ON metric_snapshots
      BEGIN INSERT INTO figure_changes (page_id, month) VALUES (OLD.page_id, OLD.month), (NEW.page_id, NEW.month); END;
      CREATE TRIGGER figure_changes_figures_delete AFTER DELETE ON metric_snapshots
      BEGIN INSERT INTO figure_changes (page_id, month) VALUES (OLD.page_id, OLD.month); END;
    `,
  },
  {
    version: 15,
    name: 'the figure change log says from which date and in which units a change counts',
    sql: /* sql */ `
      -- since: the first date whose figures the change can move (the page's launch for a change
      -- to the page or its units, the event's date, the first day of the figures' month), the
      -- earlier of before and after; null: any date. scheme and unit_code: the unit an
      -- assignment change moved the page from or to (other entries take the page's current
      -- units). The figure engine (engine/figure-reach.ts) keeps every answer these cannot reach.
      -- Whether the database holds demo rows is asked after every write (every figure says so):
      -- answered from this index, not by a scan of a registry without demo pages.
      CREATE INDEX pages_demo ON pages (id) WHERE is_demo = 1;
      ALTER TABLE figure_changes ADD COLUMN since TEXT;
      ALTER TABLE figure_changes ADD COLUMN scheme TEXT;
      ALTER TABLE figure_changes ADD COLUMN unit_code TEXT;
      DROP TRIGGER figure_changes_page_insert;
      DROP TRIGGER figure_changes_page_update;
      DROP TRIGGER figure_changes_page_delete;
      DROP TRIGGER figure_changes_assignment_insert;
      DROP TRIGGER figure_changes_assignment_update;
      DROP TRIGGER figure_changes_assignment_delete;
      DROP TRIGGER figure_changes_event_insert;
      DROP TRIGGER figure_changes_event_update;
      DROP TRIGGER figure_changes_event_delete;
      DROP TRIGGER figure_changes_figures_insert;
      DROP TRIGGER figure_changes_figures_update;
      DROP TRIGGER figure_changes_figures_delete;
      CREATE TRIGGER figure_changes_page_insert AFTER INSERT ON pages
      BEGIN INSERT INTO figure_changes (page_id, since) VALUES (NEW.id, NEW.launched_on); END;
      CREATE TRIGGER figure_changes_page_update AFTER UPDATE OF id, owner, platform, launched_on ON pages
      BEGIN
        INSERT INTO figure_changes (page_id, since) VALUES (OLD.id, min(OLD.launched_on, NEW.launched_on)), (NEW.id, min(OLD.launched_on, NEW.launched_on));
      END;
      CREATE TRIGGER figure_changes_page_delete AFTER DELETE ON pages
      BEGIN INSERT INTO figure_changes (page_id, since) VALUES (OLD.id, OLD.launched_on); END;
      CREATE TRIGGER figure_changes_assignment_insert AFTER INSERT ON page_assignments
      BEGIN
        INSERT INTO figure_changes (page_id, since, scheme, unit_code)
        VALUES (NEW.page_id, (SELECT launched_on FROM pages WHERE id = NEW.page_id), NEW.scheme, NEW.unit_code);
      END;
      CREATE TRIGGER figure_changes_assignment_update AFTER UPDATE ON page_assignments
      BEGIN
        INSERT INTO figure_changes (page_id, since, scheme, unit_code)
        VALUES (OLD.page_id, (SELECT launched_on FROM pages WHERE id = OLD.page_id), OLD.scheme, OLD.unit_code),
               (NEW.page_id, (SELECT launched_on FROM pages WHERE id = NEW.page_id), NEW.scheme, NEW.unit_code);
      END;
      -- With its page deleted, the page's own entry has the date.
      CREATE TRIGGER figure_changes_assignment_delete AFTER DELETE ON page_assignments
      BEGIN
        INSERT INTO figure_changes (page_id, since, scheme, unit_code)
        VALUES (OLD.page_id, coalesce((SELECT launched_on FROM pages WHERE id = OLD.page_id), '9999-12-31'), OLD.scheme, OLD.unit_code);
      END;
      CREATE TRIGGER figure_changes_event_insert AFTER INSERT ON page_status_events
      WHEN NEW.status IN ('closed', 'rejected', 'reopened', 'verified')
      BEGIN INSERT INTO figure_changes (page_id, since) VALUES (NEW.page_id, NEW.effective_on); END;
      CREATE TRIGGER figure_changes_event_update AFTER UPDATE ON page_status_events
      BEGIN
        INSERT INTO figure_changes (page_id, since) VALUES (OLD.page_id, min(OLD.effective_on, NEW.effective_on)), (NEW.page_id, min(OLD.effective_on, NEW.effective_on));
      END;
      CREATE TRIGGER figure_changes_event_delete AFTER DELETE ON page_status_events
      WHEN OLD.status IN ('closed', 'rejected', 'reopened', 'verified')
      BEGIN INSERT INTO figure_changes (page_id, since) VALUES (OLD.page_id, OLD.effective_on); END;
      CREATE TRIGGER figure_changes_figures_insert AFTER INSERT ON metric_snapshots
      BEGIN INSERT INTO figure_changes (page_id, month, since) VALUES (NEW.page_id, NEW.month, NEW.month || '-01'); END;
      CREATE TRIGGER figure_changes_figures_update AFTER UPDATE OF page_id, month, followers, posts, interactions ON metric_snapshots
      BEGIN
        INSERT INTO figure_changes (page_id, month, since)
        VALUES (OLD.page_id, OLD.month, min(OLD.month, NEW.month) || '-01'), (NEW.page_id, NEW.month, min(OLD.month, NEW.month) || '-01');
      END;
      CREATE TRIGGER figure_changes_figures_delete AFTER DELETE ON metric_snapshots
      BEGIN INSERT INTO figure_changes (page_id, month, since) VALUES (OLD.page_id, OLD.month, OLD.month || '-01'); END;
    `,
  },
];
