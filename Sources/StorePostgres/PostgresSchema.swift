/// The service database's schema on PostgreSQL: ordered migrations, applied under an advisory
/// lock so instances starting together migrate once. Same tables and changelog as `SQLiteSchema`:
/// - v1: accounts, users, images, image tags, analysis transitions, image documents, analysis jobs,
///   events, registries, subscriptions.
/// - v2: API keys; SBOM import operations and their uploaded parts.
/// - v3: policy bundles (one active per account) and policy evaluations (audit).
/// - v4: the notification outbox, and leases for periodic tasks (watchers, feed sync).
enum PostgresSchema {
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE account (
                name TEXT PRIMARY KEY, email TEXT, type TEXT NOT NULL, state TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL, last_updated DOUBLE PRECISION NOT NULL)
            """,
            """
            CREATE TABLE app_user (
                username TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                password_hash TEXT NOT NULL, type TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, last_updated DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX app_user_account ON app_user(account)",
            """
            CREATE TABLE image (
                account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE, digest TEXT NOT NULL,
                parent_digest TEXT, analysis_status TEXT NOT NULL, image_status TEXT NOT NULL, failure_reason TEXT,
                annotations TEXT NOT NULL, summary TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, analyzed_at DOUBLE PRECISION,
                last_updated DOUBLE PRECISION NOT NULL, record_version BIGINT NOT NULL,
                PRIMARY KEY (account, digest))
            """,
            "CREATE INDEX image_status ON image(analysis_status)",
            """
            CREATE TABLE image_tag (
                account TEXT NOT NULL, digest TEXT NOT NULL, registry TEXT NOT NULL, repository TEXT NOT NULL,
                tag TEXT NOT NULL, detected_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (account, digest, registry, repository, tag),
                FOREIGN KEY (account, digest) REFERENCES image(account, digest) ON DELETE CASCADE)
            """,
            """
            CREATE TABLE analysis_transition (
                id BIGSERIAL PRIMARY KEY, account TEXT NOT NULL, digest TEXT NOT NULL,
                from_status TEXT, to_status TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, detail TEXT,
                FOREIGN KEY (account, digest) REFERENCES image(account, digest) ON DELETE CASCADE)
            """,
            "CREATE INDEX analysis_transition_image ON analysis_transition(account, digest)",
            """
            CREATE TABLE image_document (
                account TEXT NOT NULL, digest TEXT NOT NULL, kind TEXT NOT NULL, data BYTEA NOT NULL,
                PRIMARY KEY (account, digest, kind),
                FOREIGN KEY (account, digest) REFERENCES image(account, digest) ON DELETE CASCADE)
            """,
            """
            CREATE TABLE analysis_job (
                id BIGSERIAL PRIMARY KEY, account TEXT NOT NULL, digest TEXT NOT NULL,
                pull_string TEXT NOT NULL, attempts BIGINT NOT NULL, lease_owner TEXT, lease_expires DOUBLE PRECISION,
                dockerfile TEXT, UNIQUE (account, digest),
                FOREIGN KEY (account, digest) REFERENCES image(account, digest) ON DELETE CASCADE)
            """,
            """
            CREATE TABLE event (
                id TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                type TEXT NOT NULL, level TEXT NOT NULL, message TEXT NOT NULL, details TEXT NOT NULL,
                resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX event_account_time ON event(account, created_at)",
            """
            CREATE TABLE registry (
                account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE, registry TEXT NOT NULL,
                name TEXT NOT NULL, username TEXT NOT NULL, secret BYTEA NOT NULL, type TEXT NOT NULL, verify_tls BOOLEAN NOT NULL,
                created_at DOUBLE PRECISION NOT NULL, last_updated DOUBLE PRECISION NOT NULL, PRIMARY KEY (account, registry))
            """,
            """
            CREATE TABLE subscription (
                id TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                key TEXT NOT NULL, type TEXT NOT NULL, value TEXT, active BOOLEAN NOT NULL,
                created_at DOUBLE PRECISION NOT NULL, last_updated DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX subscription_account ON subscription(account)",
        ],
        [
            """
            CREATE TABLE api_key (
                username TEXT NOT NULL REFERENCES app_user(username) ON DELETE CASCADE, name TEXT NOT NULL,
                key_hash TEXT NOT NULL UNIQUE, created_at DOUBLE PRECISION NOT NULL, expires_at DOUBLE PRECISION NOT NULL, status TEXT NOT NULL,
                PRIMARY KEY (username, name))
            """,
            """
            CREATE TABLE import_operation (
                uuid TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                status TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, expires_at DOUBLE PRECISION NOT NULL)
            """,
            """
            CREATE TABLE import_content (
                uuid TEXT NOT NULL REFERENCES import_operation(uuid) ON DELETE CASCADE, kind TEXT NOT NULL, digest TEXT NOT NULL,
                data BYTEA NOT NULL, PRIMARY KEY (uuid, kind, digest))
            """,
        ],
        [
            """
            CREATE TABLE policy_bundle (
                account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE, id TEXT NOT NULL, name TEXT NOT NULL,
                active BOOLEAN NOT NULL, document BYTEA NOT NULL, digest TEXT NOT NULL, source TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL, last_updated DOUBLE PRECISION NOT NULL, PRIMARY KEY (account, id))
            """,
            """
            CREATE TABLE policy_evaluation (
                id BIGSERIAL PRIMARY KEY, account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                digest TEXT NOT NULL, tag TEXT NOT NULL, bundle_id TEXT NOT NULL, bundle_digest TEXT NOT NULL, final_action TEXT NOT NULL,
                status TEXT NOT NULL, result BYTEA NOT NULL, created_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX policy_evaluation_image ON policy_evaluation(account, digest, tag)",
        ],
        [
            """
            CREATE TABLE notification (
                id TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE, type TEXT NOT NULL,
                subscription_key TEXT NOT NULL, destination TEXT NOT NULL, payload BYTEA NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                next_attempt_at DOUBLE PRECISION NOT NULL, deadline DOUBLE PRECISION NOT NULL, attempts INTEGER NOT NULL, state TEXT NOT NULL,
                last_error TEXT, delivered_at DOUBLE PRECISION, claimed_by TEXT, claimed_until DOUBLE PRECISION)
            """,
            "CREATE INDEX notification_due ON notification(state, next_attempt_at)",
            "CREATE INDEX notification_account ON notification(account, created_at)",
            "CREATE TABLE service_lease (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at DOUBLE PRECISION NOT NULL)",
        ],
    ]
}
