"""Load the places (34 current, 63 former, with the 1 July 2025 mapping), bodies and terms."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from vanphong.core.reference import load_bodies, load_places

    place = apps.get_model("core", "Place")
    load_places(place)
    load_bodies(apps.get_model("core", "Body"), apps.get_model("core", "Term"), place)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
