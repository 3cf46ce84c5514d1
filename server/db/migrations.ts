import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Migrations are code in the bundle, not files on disk, so the embedded server needs nothing beside itself. */
const migrations: Record<string, Migration> = {
  '0001_foundation': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('centres')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('key_sha256', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_sha256', 'text', (c) => c.primaryKey())
        .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await sql`create sequence feed_seq`.execute(db);
      await sql`create sequence registration_seq`.execute(db);
      await db.schema
        .createTable('applications')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('sub_operation', 'text', (c) => c.notNull())
        .addColumn('applicant_kind', 'text', (c) => c.notNull())
        .addColumn('applicant_id', 'text', (c) => c.notNull())
        .addColumn('manifest', 'jsonb', (c) => c.notNull())
        .addColumn('signature_cms', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('registration_number', 'text', (c) => c.unique())
        .addColumn('note', 'text')
        .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('feed_seq', 'bigint', (c) => c.notNull().defaultTo(sql`nextval('feed_seq')`))
        .execute();
      await db.schema.createIndex('applications_centre_feed').on('applications').columns(['centre_id', 'feed_seq']).execute();
      await db.schema
        .createTable('application_events')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
  '0002_decisions': {
    async up(db: Kysely<unknown>) {
      // Licensors authenticate with a provisioned key, like centres; only its SHA-256 is stored.
      await db.schema
        .createTable('licensors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('key_sha256', 'text', (c) => c.notNull().unique())
        .execute();
      await sql`create sequence decision_seq`.execute(db);
      await db.schema
        .createTable('decisions')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('application_id', 'uuid', (c) => c.notNull().unique().references('applications.id'))
        .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('document_json', 'text', (c) => c.notNull())
        .addColumn('cms_base64', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
        .addColumn('handed_over_at', 'timestamptz')
        .addColumn('handover', 'jsonb')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        // the same sequence as the application feed: one monotonic order for every change a centre must see
        .addColumn('feed_seq', 'bigint', (c) => c.notNull().defaultTo(sql`nextval('feed_seq')`))
        .execute();
      await db.schema.createIndex('decisions_centre_feed').on('decisions').columns(['centre_id', 'feed_seq']).execute();
    },
  },
  '0003_attachments': {
    async up(db: Kysely<unknown>) {
      // One row per verified blob: the application is registered only when every blob its manifest names is here.
      await db.schema
        .createTable('attachments')
        .addColumn('application_id', 'uuid', (c) => c.notNull())
        .addColumn('attachment_id', 'text', (c) => c.notNull())
        .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('upload_id', 'text', (c) => c.notNull())
        .addColumn('verified_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('attachments_pk', ['application_id', 'attachment_id'])
        .execute();
    },
  },
  '0005_register': {
    async up(db: Kysely<unknown>) {
      // Reference stand-ins for the state registers (ЖТ МДҚ / ЗТ МДҚ) and the payment gateway (ЭҮТШ); a real
      // gateway adapter replaces the first two tables, never the checks.
      await db.schema
        .createTable('register_individuals')
        .addColumn('iin', 'text', (c) => c.primaryKey())
        .addColumn('surname', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('patronymic', 'text')
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('register_legal_entities')
        .addColumn('bin', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('legal_address', 'text', (c) => c.notNull())
        .addColumn('head_iin', 'text')
        .addColumn('head_name', 'text', (c) => c.notNull())
        .addColumn('registered_on', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('payments')
        .addColumn('document_number', 'text', (c) => c.primaryKey())
        .addColumn('paid_on', 'text', (c) => c.notNull())
        .addColumn('amount_tenge', 'numeric', (c) => c.notNull())
        .addColumn('payer_id', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text')
        .execute();
      // Who looked whom up: register data is personal, every read is attributable to a centre.
      await db.schema
        .createTable('register_lookups')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('centre_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('found', 'boolean', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('application_checks')
        .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('centre_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('checked_at', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('feed_seq', 'bigint', (c) => c.notNull().defaultTo(sql`nextval('feed_seq')`))
        .addPrimaryKeyConstraint('application_checks_pk', ['application_id', 'kind'])
        .execute();
      await db.schema.createIndex('application_checks_centre_feed').on('application_checks').columns(['centre_id', 'feed_seq']).execute();
    },
  },
  '0006_signature_validation': {
    async up(db: Kysely<unknown>) {
      // The signature decision made at receipt and everything it was made from (times, window, certificate, CRL).
      await db.schema.alterTable('applications').addColumn('signature_validation', 'jsonb').execute();
    },
  },
  '0006_upload_ledger': {
    async up(db: Kysely<unknown>) {
      // Every tus upload a centre opened, so quotas, expiry and crash recovery are answered by the database (one
      // truth for every API node) rather than by listing the blob folder.
      await db.schema
        .createTable('uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
        .addColumn('application_id', 'uuid', (c) => c.notNull())
        .addColumn('attachment_id', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        // open → verified | rejected | expired | removed
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('closed_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('uploads_centre_state').on('uploads').columns(['centre_id', 'state']).execute();
      await db.schema.createIndex('uploads_application').on('uploads').columns(['application_id']).execute();
    },
  },
  '0007_feed_watermark': {
    async up(db: Kysely<unknown>) {
      // Feeds page by (writing transaction, feed_seq) below the oldest running transaction; see server/feed/page.ts.
      // A trigger stamps the transaction, so every write that moves a row in a feed (bumps feed_seq) is covered,
      // whichever code path makes it. Rows from before this migration are all committed: they get transaction 0,
      // which keeps their old order and the meaning of cursors handed out before.
      await sql`create function feed_stamp_xid() returns trigger language plpgsql as $$
        begin new.feed_xid := pg_current_xact_id(); return new; end $$`.execute(db);
      for (const table of ['applications', 'decisions', 'application_checks']) {
        await sql`alter table ${sql.table(table)} add column feed_xid xid8 not null default '0'`.execute(db);
        await sql`alter table ${sql.table(table)} alter column feed_xid drop default`.execute(db);
        await sql`create trigger ${sql.id(`${table}_feed_xid`)} before insert or update of feed_seq on ${sql.table(table)}
          for each row execute function feed_stamp_xid()`.execute(db);
        await db.schema.createIndex(`${table}_centre_feed_position`).on(table).columns(['centre_id', 'feed_xid', 'feed_seq']).execute();
      }
      // The checks' old index stays: pending checks are retried in feed_seq order.
      await db.schema.dropIndex('applications_centre_feed').execute();
      await db.schema.dropIndex('decisions_centre_feed').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
