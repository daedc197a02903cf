"""Load the shipped deadline rules and holiday calendar (petitions/data/*.json) through the historical models."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from vanphong.petitions.deadlines import load_rules

    load_rules(apps.get_model("petitions", "DeadlineRule"), apps.get_model("petitions", "Holiday"))


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
