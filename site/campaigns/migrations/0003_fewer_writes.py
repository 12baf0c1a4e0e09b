from django.db import migrations


def fillfactor(apps, schema_editor):
    # Leave room on each page so updating a progress row (none of whose updated columns
    # is indexed) stays a heap-only update: no index is written on a completion.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE campaigns_campaignprogress SET (fillfactor = 80)"
        )


def default_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE campaigns_campaignprogress RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_compliance"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="progressdelta",
            name="campaigns_delta_period",
        ),
        migrations.RunPython(fillfactor, default_fillfactor),
    ]
