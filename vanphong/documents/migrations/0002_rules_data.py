"""Load the shipped document types and issuers (documents/data/*.json), linking issuers to core bodies."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from vanphong.documents.reference import load_document_types, load_issuers

    load_document_types(apps.get_model("documents", "DocumentType"))
    load_issuers(apps.get_model("documents", "Issuer"), apps.get_model("core", "Body"))


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial"), ("core", "0002_reference_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
