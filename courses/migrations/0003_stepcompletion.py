# A completion now records any course step (module or quiz), not only modules.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="modulecompletion", name="courses_completion_unique"),
        migrations.RenameModel(old_name="ModuleCompletion", new_name="StepCompletion"),
        migrations.RenameField(model_name="stepcompletion", old_name="module", new_name="step"),
        # ModulePage's primary key is its Page pointer, so existing rows stay valid.
        migrations.AlterField(
            model_name="stepcompletion",
            name="step",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="step_completions",
                to="wagtailcore.page",
            ),
        ),
        migrations.AlterModelOptions(
            name="stepcompletion",
            options={"verbose_name": "langkah selesai", "verbose_name_plural": "langkah selesai"},
        ),
        migrations.AddConstraint(
            model_name="stepcompletion",
            constraint=models.UniqueConstraint(
                fields=("enrolment", "step"), name="courses_completion_unique"
            ),
        ),
    ]
