"""The versioned DuckDB schema.

Migrations are named and applied in list order, each exactly once, recorded in
``schema_migrations``. Stages own their migrations (``0001_core`` here, the
gazetteer and fusion stages append theirs) and never edit an applied one: to
change a table, append a new migration. ``SCHEMA_VERSION`` is the number of
migrations, so an older frontlines refuses a newer file instead of corrupting it.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_core",
        """
        CREATE TABLE IF NOT EXISTS documents (
            doc_id VARCHAR PRIMARY KEY,
            source_id VARCHAR NOT NULL,
            url VARCHAR,
            source VARCHAR,
            published DATE,
            published_from VARCHAR,
            title VARCHAR,
            subtitle VARCHAR,
            byline VARCHAR,
            paragraphs VARCHAR[],
            author_bio VARCHAR,
            language VARCHAR,
            reader VARCHAR,
            input VARCHAR,
            ingested_at TIMESTAMP DEFAULT current_timestamp
        );
        CREATE TABLE IF NOT EXISTS comments (
            doc_id VARCHAR NOT NULL,
            comment_id VARCHAR NOT NULL,
            parent_id VARCHAR,
            author VARCHAR,
            posted TIMESTAMP,
            depth INTEGER NOT NULL,
            position INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            PRIMARY KEY (doc_id, comment_id)
        );
        CREATE SEQUENCE IF NOT EXISTS quarantine_seq;
        CREATE TABLE IF NOT EXISTS quarantine (
            id BIGINT PRIMARY KEY DEFAULT nextval('quarantine_seq'),
            input VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            detail VARCHAR,
            reader VARCHAR,
            sha256 VARCHAR,
            seen_at TIMESTAMP DEFAULT current_timestamp
        );
        -- Filled by extraction: one row per event mention; ``payload`` is the full
        -- EventMention as JSON, the other columns are for filtering and joins.
        CREATE TABLE IF NOT EXISTS mentions (
            mention_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            source_id VARCHAR,
            source_type VARCHAR,
            event_date DATE,
            time_precision INTEGER,
            event_type VARCHAR,
            sub_event_type VARCHAR,
            actor1 VARCHAR,
            actor2 VARCHAR,
            location VARCHAR,
            latitude DOUBLE,
            longitude DOUBLE,
            geo_precision INTEGER,
            fatalities INTEGER,
            claimant VARCHAR,
            certainty VARCHAR,
            evidence VARCHAR,
            pipeline_version VARCHAR,
            payload JSON
        );
        -- Which documents have been extracted with which pipeline version.
        CREATE TABLE IF NOT EXISTS extractions (
            doc_id VARCHAR NOT NULL,
            pipeline_version VARCHAR NOT NULL,
            n_mentions INTEGER NOT NULL,
            extracted_at TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (doc_id, pipeline_version)
        );
        """,
    ),
    (
        "0002_gazetteer",
        """
        -- One row per loaded gazetteer source (a file, or the embedded default);
        -- re-adding a source with the same content hash is a no-op.
        CREATE TABLE IF NOT EXISTS gazetteer_sources (
            source VARCHAR PRIMARY KEY,
            kind VARCHAR NOT NULL,
            path VARCHAR,
            sha256 VARCHAR,
            n_entries BIGINT NOT NULL,
            options JSON,
            loaded_at TIMESTAMP DEFAULT current_timestamp
        );
        -- country > admin1 > admin2 > admin3 > populated place > neighbourhood; ``level`` 0..6.
        CREATE TABLE IF NOT EXISTS gazetteer_entries (
            entry_id VARCHAR PRIMARY KEY,
            source VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            feature_class VARCHAR,
            feature_code VARCHAR,
            level INTEGER,
            country_code VARCHAR,
            admin1 VARCHAR,
            admin2 VARCHAR,
            admin3 VARCHAR,
            parent VARCHAR,
            latitude DOUBLE,
            longitude DOUBLE,
            population BIGINT,
            polygon JSON
        );
        CREATE TABLE IF NOT EXISTS gazetteer_names (
            entry_id VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            lang VARCHAR
        );
        """,
    ),
    (
        "0003_fusion",
        """
        -- Fusion: canonical events (one real event, many mentions). ``canonical_id`` is
        -- minted once from the founding mention and never recomputed, so it survives
        -- re-runs, new input and re-extraction. ``payload`` holds the full record
        -- (consensus, all fatality figures, sources, claimants).
        CREATE TABLE IF NOT EXISTS canonical_events (
            canonical_id VARCHAR PRIMARY KEY,
            event_id_cnty VARCHAR,
            event_date DATE,
            time_precision INTEGER,
            event_type VARCHAR,
            sub_event_type VARCHAR,
            disorder_type VARCHAR,
            actor1 VARCHAR,
            actor2 VARCHAR,
            location VARCHAR,
            country VARCHAR,
            admin1 VARCHAR,
            latitude DOUBLE,
            longitude DOUBLE,
            geo_precision INTEGER,
            fatalities INTEGER,
            n_mentions INTEGER,
            n_sources INTEGER,
            n_independent INTEGER,
            claimants VARCHAR[],
            payload JSON,
            created_at TIMESTAMP DEFAULT current_timestamp,
            updated_at TIMESTAMP DEFAULT current_timestamp
        );
        -- Which canonical event each mention belongs to, with the compact features
        -- fusion compares (so later runs match against them without re-reading mentions).
        CREATE TABLE IF NOT EXISTS canonical_members (
            mention_id VARCHAR PRIMARY KEY,
            canonical_id VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            event_date DATE,
            score DOUBLE,
            features JSON,
            joined_at TIMESTAMP DEFAULT current_timestamp
        );
        -- A disagreement between mentions of one canonical event; never averaged away.
        CREATE TABLE IF NOT EXISTS contradictions (
            contradiction_id VARCHAR PRIMARY KEY,
            canonical_id VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            field VARCHAR,
            mention_ids VARCHAR[],
            summary VARCHAR,
            detail JSON
        );
        -- Territorial-control changes derived from territory events, per place.
        CREATE TABLE IF NOT EXISTS control_changes (
            change_id VARCHAR PRIMARY KEY,
            place_key VARCHAR NOT NULL,
            location VARCHAR,
            change_date DATE,
            time_precision INTEGER,
            holder VARCHAR,
            previous_holder VARCHAR,
            canonical_id VARCHAR,
            corroboration VARCHAR,
            n_independent INTEGER,
            claimants VARCHAR[],
            payload JSON
        );
        -- MinHash signatures of document texts, for counting wire copies once.
        CREATE TABLE IF NOT EXISTS doc_signatures (
            doc_id VARCHAR PRIMARY KEY,
            signature UINTEGER[]
        );
        -- The user's source list (outlet owner, wire, partisanship), last loaded.
        CREATE TABLE IF NOT EXISTS source_list (
            name VARCHAR PRIMARY KEY,
            owner VARCHAR,
            wire VARCHAR,
            partisanship VARCHAR,
            aligned_with VARCHAR,
            attributes JSON
        );
        """,
    ),
    (
        "0004_screening",
        """
        -- The screening decision of each extracted document (frontlines.nlp.screening): the language it
        -- was taken to be in, the relevance score and decision, and a reason a person can audit.
        -- Written in the same transaction as the document's mentions; one row per document.
        CREATE TABLE IF NOT EXISTS screening (
            doc_id VARCHAR NOT NULL,
            pipeline_version VARCHAR NOT NULL,
            language VARCHAR,
            decision VARCHAR NOT NULL,
            score DOUBLE,
            reason VARCHAR,
            n_sentences INTEGER,
            n_parsed INTEGER,
            screened_at TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (doc_id, pipeline_version)
        );
        """,
    ),
]

SCHEMA_VERSION = len(MIGRATIONS)
