# PostgreSQL itself refuses UPDATE and DELETE on the evidence chain, whoever asks.
# (SQLite, the development default, has no such guard; verify_evidence still catches edits.)
# TRUNCATE is left to the table owner: the production role must not own the table.

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION certificates_evidence_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'evidence entries are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER certificates_evidence_append_only
    BEFORE UPDATE OR DELETE ON certificates_evidenceentry
    FOR EACH ROW EXECUTE FUNCTION certificates_evidence_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS certificates_evidence_append_only ON certificates_evidenceentry;
DROP FUNCTION IF EXISTS certificates_evidence_append_only();
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # A bare cursor: the '%' in RAISE is PL/pgSQL's, not a query placeholder.
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
