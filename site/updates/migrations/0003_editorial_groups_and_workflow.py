"""The editorial groups ("Editor Regulasi", "Peninjau Regulasi"), the reviewers' approval
task and the workflow "Tinjauan regulasi" (see netra.updates.editorial). Page permissions
and the workflow's pages come later, from `manage.py setup_editorial`, once the index
pages exist."""

from django.db import migrations


def forwards(apps, schema_editor):
    from netra.updates.editorial import ensure_groups_and_workflow

    ensure_groups_and_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("updates", "0002_regulationupdatepage_updateaffectedcourse_and_more"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
