"""Initial schema: the whole record of DESIGN.md, the seeded violation taxonomy and
append-only audit entries (enforced by triggers on SQLite and PostgreSQL).

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 20:10:37.846784

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

# Frozen copy of the taxonomy of DESIGN.md: (code, parent, English, Arabic, SDG group,
# severity, sort order). Later label edits are data changes, not migrations.
VIOLATION_TYPES = [
    ('L1', None, 'Killing', 'قتل', 'killing', 100, 1),
    ('L1.1', 'L1', 'Targeted killing / murder', 'اغتيال / قتل متعمد', 'killing', 101, 2),
    ('L1.2', 'L1', 'Killed in crossfire or combat', 'قتل أثناء العمليات القتالية', 'killing', 102, 3),
    ('L1.3', 'L1', 'Killed on dangerous assignment', 'قتل أثناء مهمة خطرة', 'killing', 103, 4),
    ('L1.4', 'L1', 'Death in custody', 'وفاة أثناء الاحتجاز', 'killing', 104, 5),
    ('L1.5', 'L1', 'Execution', 'إعدام', 'killing', 105, 6),
    ('L2', None, 'Attempted killing', 'شروع في القتل', 'other', 606, 7),
    ('F1', None, 'Kidnapping / abduction', 'اختطاف', 'kidnapping', 507, 8),
    ('F1.1', 'F1', 'Hostage-taking', 'احتجاز كرهينة', 'kidnapping', 508, 9),
    ('F2', None, 'Enforced disappearance', 'إخفاء قسري', 'enforced_disappearance', 309, 10),
    ('F3', None, 'Missing', 'فقدان', 'other', 610, 11),
    ('F4', None, 'Arbitrary arrest / detention', 'اعتقال / احتجاز تعسفي', 'arbitrary_detention', 411, 12),
    ('F4.1', 'F4', 'Pre-trial detention', 'حبس احتياطي', 'arbitrary_detention', 412, 13),
    ('F4.2', 'F4', 'Imprisonment after sentence', 'سجن بموجب حكم', 'arbitrary_detention', 413, 14),
    ('F4.3', 'F4', 'House arrest', 'إقامة جبرية', 'arbitrary_detention', 414, 15),
    ('F5', None, 'Prosecution, trial or summons', 'محاكمة أو استدعاء', 'other', 615, 16),
    ('I1', None, 'Torture and ill-treatment', 'تعذيب وسوء معاملة', 'torture', 216, 17),
    ('I2', None, 'Physical assault / injury', 'اعتداء جسدي / إصابة', 'other', 617, 18),
    ('I3', None, 'Threat, intimidation, incitement', 'تهديد وترهيب وتحريض', 'other', 618, 19),
    ('I3.1', 'I3', 'Death threat', 'تهديد بالقتل', 'other', 619, 20),
    ('I4', None, 'Harassment (online or sexual)', 'مضايقة / تحرش', 'other', 620, 21),
    ('I5', None, 'Smear campaign', 'حملة تشهير', 'other', 621, 22),
    ('P1', None, 'Equipment search or confiscation', 'تفتيش / مصادرة معدات', 'other', 622, 23),
    ('P2', None, 'Equipment damage', 'إتلاف معدات', 'other', 623, 24),
    ('P3', None, 'Raid or destruction of media premises', 'اقتحام / تدمير مقر وسيلة إعلامية', 'other', 624, 25),
    ('C1', None, 'Website blocking', 'حجب مواقع', 'other', 625, 26),
    ('C2', None, 'Closure or suspension of an outlet', 'إغلاق / إيقاف وسيلة إعلامية', 'other', 626, 27),
    ('C3', None, 'Censorship or publication ban', 'رقابة / منع نشر', 'other', 627, 28),
    ('C4', None, 'Prevented from covering', 'منع من التغطية', 'other', 628, 29),
    ('C5', None, 'Travel ban or border stop', 'منع من السفر', 'other', 629, 30),
    ('E1', None, 'Salary suspension or dismissal', 'إيقاف راتب / فصل تعسفي', 'other', 630, 31),
    ('D1', None, 'Surveillance or hacking', 'مراقبة / اختراق', 'other', 631, 32),
    ('D2', None, 'Civil lawsuit or legal order', 'دعوى مدنية / أمر قضائي', 'other', 632, 33),
    ('X', None, 'Other', 'أخرى', 'other', 633, 34),
]

AUDIT_TRIGGERS = {
    "sqlite": [
        """CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
           BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
        """CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
           BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
    ],
    "postgresql": [
        """CREATE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
           FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()""",
    ],
}
DROP_AUDIT_TRIGGERS = {
    "sqlite": ["DROP TRIGGER audit_entries_no_update", "DROP TRIGGER audit_entries_no_delete"],
    "postgresql": [
        "DROP TRIGGER audit_entries_no_change ON audit_entries",
        "DROP FUNCTION audit_entries_append_only()",
    ],
}


def upgrade():
    op.create_table('outlets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_ar', sa.String(length=300), nullable=True),
    sa.Column('name_en', sa.String(length=300), nullable=True),
    sa.Column('media_type', sa.String(length=20), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('search_name', sa.String(length=700), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("media_type IS NULL OR media_type IN ('print', 'tv', 'radio', 'online', 'news_agency', 'social_media', 'freelance', 'other')", name=op.f('ck_outlets_media_type_valid')),
    sa.CheckConstraint('name_ar IS NOT NULL OR name_en IS NOT NULL', name=op.f('ck_outlets_has_name')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outlets'))
    )
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outlets_search_name'), ['search_name'], unique=False)

    op.create_table('public_ref_counters',
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('country', 'year', name=op.f('pk_public_ref_counters'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('locale', sa.String(length=2), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("locale IN ('ar', 'en')", name=op.f('ck_users_locale_valid')),
    sa.CheckConstraint("role IN ('admin', 'editor', 'researcher', 'viewer')", name=op.f('ck_users_role_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('violation_types',
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('parent_code', sa.String(length=10), nullable=True),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('label_ar', sa.String(length=200), nullable=False),
    sa.Column('sdg_group', sa.String(length=30), nullable=False),
    sa.Column('severity', sa.Integer(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_code'], ['violation_types.code'], name=op.f('fk_violation_types_parent_code_violation_types')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_violation_types'))
    )
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=254), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('entity_type', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_entries_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entries_entity', ['entity_type', 'entity_id', 'id'], unique=False)

    op.create_table('incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_ref', sa.String(length=20), nullable=False),
    sa.Column('title_ar', sa.String(length=500), nullable=True),
    sa.Column('title_en', sa.String(length=500), nullable=True),
    sa.Column('summary_ar', sa.Text(), nullable=True),
    sa.Column('summary_en', sa.Text(), nullable=True),
    sa.Column('headline_type', sa.String(length=10), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=False),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(length=5), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('admin1', sa.String(length=200), nullable=True),
    sa.Column('admin2', sa.String(length=200), nullable=True),
    sa.Column('locality', sa.String(length=200), nullable=True),
    sa.Column('latitude', sa.Double(), nullable=True),
    sa.Column('longitude', sa.Double(), nullable=True),
    sa.Column('geo_precision', sa.String(length=8), nullable=True),
    sa.Column('public_geo_precision', sa.String(length=8), nullable=False),
    sa.Column('geonames_id', sa.Integer(), nullable=True),
    sa.Column('geocode_source', sa.String(length=50), nullable=True),
    sa.Column('verification', sa.String(length=10), nullable=False),
    sa.Column('case_status', sa.String(length=7), nullable=False),
    sa.Column('impunity', sa.String(length=12), nullable=True),
    sa.Column('workflow_status', sa.String(length=9), nullable=False),
    sa.Column('is_confidential', sa.Boolean(), nullable=False),
    sa.Column('confidential_notes', sa.Text(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("COALESCE(title_ar, '') <> '' OR COALESCE(title_en, '') <> ''", name=op.f('ck_incidents_has_title')),
    sa.CheckConstraint("case_status IN ('ongoing', 'closed', 'unknown')", name=op.f('ck_incidents_case_status_valid')),
    sa.CheckConstraint("date_precision IN ('day', 'week', 'month', 'year')", name=op.f('ck_incidents_date_precision_valid')),
    sa.CheckConstraint("geo_precision IS NULL OR geo_precision IN ('exact', 'locality', 'admin2', 'admin1', 'country')", name=op.f('ck_incidents_geo_precision_valid')),
    sa.CheckConstraint("impunity IS NULL OR impunity IN ('complete', 'partial', 'full_justice', 'unknown')", name=op.f('ck_incidents_impunity_valid')),
    sa.CheckConstraint("public_geo_precision IN ('exact', 'locality', 'admin2', 'admin1', 'country')", name=op.f('ck_incidents_public_geo_precision_valid')),
    sa.CheckConstraint("verification IN ('confirmed', 'likely', 'possible', 'unverified')", name=op.f('ck_incidents_verification_valid')),
    sa.CheckConstraint("workflow_status IN ('draft', 'in_review', 'verified', 'published', 'rejected', 'archived')", name=op.f('ck_incidents_workflow_status_valid')),
    sa.CheckConstraint('(latitude IS NULL) = (longitude IS NULL)', name=op.f('ck_incidents_point_complete')),
    sa.CheckConstraint('date_end IS NULL OR date_end >= date_start', name=op.f('ck_incidents_date_order')),
    sa.CheckConstraint('latitude IS NULL OR (latitude BETWEEN -90 AND 90)', name=op.f('ck_incidents_latitude_range')),
    sa.CheckConstraint('longitude IS NULL OR (longitude BETWEEN -180 AND 180)', name=op.f('ck_incidents_longitude_range')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_incidents_version_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_incidents_created_by_id_users')),
    sa.ForeignKeyConstraint(['headline_type'], ['violation_types.code'], name=op.f('fk_incidents_headline_type_violation_types')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_incidents_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents')),
    sa.UniqueConstraint('public_ref', name=op.f('uq_incidents_public_ref'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_admin1'), ['admin1'], unique=False)
        batch_op.create_index('ix_incidents_country_date_start', ['country', 'date_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_date_start'), ['date_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_headline_type'), ['headline_type'], unique=False)
        batch_op.create_index('ix_incidents_workflow_status_date_start', ['workflow_status', 'date_start'], unique=False)

    op.create_table('journalists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_ar', sa.String(length=300), nullable=True),
    sa.Column('name_en', sa.String(length=300), nullable=True),
    sa.Column('gender', sa.String(length=10), nullable=False),
    sa.Column('profession', sa.String(length=20), nullable=True),
    sa.Column('outlet_id', sa.Integer(), nullable=True),
    sa.Column('media_type', sa.String(length=20), nullable=True),
    sa.Column('nationality', sa.String(length=2), nullable=True),
    sa.Column('is_foreign', sa.Boolean(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('search_name', sa.String(length=700), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("gender IN ('female', 'male', 'unknown')", name=op.f('ck_journalists_gender_valid')),
    sa.CheckConstraint("media_type IS NULL OR media_type IN ('print', 'tv', 'radio', 'online', 'news_agency', 'social_media', 'freelance', 'other')", name=op.f('ck_journalists_media_type_valid')),
    sa.CheckConstraint("profession IS NULL OR profession IN ('journalist', 'photographer', 'camera_operator', 'editor', 'editor_in_chief', 'presenter', 'columnist', 'blogger', 'media_worker', 'other')", name=op.f('ck_journalists_profession_valid')),
    sa.CheckConstraint('name_ar IS NOT NULL OR name_en IS NOT NULL', name=op.f('ck_journalists_has_name')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['journalists.id'], name=op.f('fk_journalists_merged_into_id_journalists')),
    sa.ForeignKeyConstraint(['outlet_id'], ['outlets.id'], name=op.f('fk_journalists_outlet_id_outlets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journalists'))
    )
    with op.batch_alter_table('journalists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journalists_outlet_id'), ['outlet_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_journalists_search_name'), ['search_name'], unique=False)

    op.create_table('incident_violations',
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['code'], ['violation_types.code'], name=op.f('fk_incident_violations_code_violation_types')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_violations_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('incident_id', 'code', name=op.f('pk_incident_violations'))
    )
    with op.batch_alter_table('incident_violations', schema=None) as batch_op:
        batch_op.create_index('ix_incident_violations_code_incident_id', ['code', 'incident_id'], unique=False)

    op.create_table('perpetrators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=25), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("type IN ('state_security', 'state_judicial', 'state_other', 'non_state_armed_group', 'foreign_state', 'political_party', 'criminal_group', 'private_individual', 'unknown')", name=op.f('ck_perpetrators_type_valid')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_perpetrators_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_perpetrators'))
    )
    with op.batch_alter_table('perpetrators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_perpetrators_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index('ix_perpetrators_type_incident_id', ['type', 'incident_id'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=True),
    sa.Column('publisher', sa.String(length=300), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('reliability', sa.Integer(), nullable=True),
    sa.Column('is_internal', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('reliability IS NULL OR reliability BETWEEN 1 AND 5', name=op.f('ck_sources_reliability_range')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_sources_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sources_incident_id'), ['incident_id'], unique=False)

    op.create_table('victims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('journalist_id', sa.Integer(), nullable=False),
    sa.Column('role_in_incident', sa.String(length=10), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('is_identity_protected', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("outcome IN ('killed', 'injured', 'detained', 'abducted', 'disappeared', 'missing', 'released', 'tortured', 'assaulted', 'threatened', 'prosecuted', 'sentenced', 'dismissed', 'property_damaged', 'prevented', 'other')", name=op.f('ck_victims_outcome_valid')),
    sa.CheckConstraint("role_in_incident IN ('target', 'bystander', 'owner', 'relative', 'other')", name=op.f('ck_victims_role_in_incident_valid')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_victims_incident_id_incidents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['journalist_id'], ['journalists.id'], name=op.f('fk_victims_journalist_id_journalists')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_victims')),
    sa.UniqueConstraint('incident_id', 'journalist_id', name=op.f('uq_victims_incident_id_journalist_id'))
    )
    with op.batch_alter_table('victims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_victims_journalist_id'), ['journalist_id'], unique=False)

    op.create_table('status_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('victim_id', sa.Integer(), nullable=False),
    sa.Column('event', sa.String(length=15), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("event IN ('detained_on', 'abducted_on', 'disappeared_on', 'charged_on', 'tried_on', 'sentenced_on', 'acquitted_on', 'released_on', 'escaped_on', 'found_dead_on', 'died_on')", name=op.f('ck_status_events_event_valid')),
    sa.ForeignKeyConstraint(['victim_id'], ['victims.id'], name=op.f('fk_status_events_victim_id_victims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_events'))
    )
    with op.batch_alter_table('status_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_events_victim_id'), ['victim_id'], unique=False)


    violation_types = sa.table(
        "violation_types",
        sa.column("code", sa.String), sa.column("parent_code", sa.String),
        sa.column("label_en", sa.String), sa.column("label_ar", sa.String),
        sa.column("sdg_group", sa.String), sa.column("severity", sa.Integer),
        sa.column("sort_order", sa.Integer),
    )
    keys = ("code", "parent_code", "label_en", "label_ar", "sdg_group", "severity", "sort_order")
    op.bulk_insert(violation_types, [dict(zip(keys, row)) for row in VIOLATION_TYPES])
    for statement in AUDIT_TRIGGERS.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def downgrade():
    for statement in DROP_AUDIT_TRIGGERS.get(op.get_bind().dialect.name, []):
        op.execute(statement)
    with op.batch_alter_table('status_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_events_victim_id'))

    op.drop_table('status_events')
    with op.batch_alter_table('victims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_victims_journalist_id'))

    op.drop_table('victims')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_incident_id'))

    op.drop_table('sources')
    with op.batch_alter_table('perpetrators', schema=None) as batch_op:
        batch_op.drop_index('ix_perpetrators_type_incident_id')
        batch_op.drop_index(batch_op.f('ix_perpetrators_incident_id'))

    op.drop_table('perpetrators')
    with op.batch_alter_table('incident_violations', schema=None) as batch_op:
        batch_op.drop_index('ix_incident_violations_code_incident_id')

    op.drop_table('incident_violations')
    with op.batch_alter_table('journalists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journalists_search_name'))
        batch_op.drop_index(batch_op.f('ix_journalists_outlet_id'))

    op.drop_table('journalists')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index('ix_incidents_workflow_status_date_start')
        batch_op.drop_index(batch_op.f('ix_incidents_headline_type'))
        batch_op.drop_index(batch_op.f('ix_incidents_date_start'))
        batch_op.drop_index(batch_op.f('ix_incidents_created_by_id'))
        batch_op.drop_index('ix_incidents_country_date_start')
        batch_op.drop_index(batch_op.f('ix_incidents_admin1'))

    op.drop_table('incidents')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entries_entity')

    op.drop_table('audit_entries')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
    op.drop_table('violation_types')
    op.drop_table('users')
    op.drop_table('public_ref_counters')
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outlets_search_name'))

    op.drop_table('outlets')
