"""Bulletins: the "Bản tin" document type they are issued as, and the rights to compose and approve them for the
role groups of an installation set up before them."""

from typing import Any

from django.db import migrations

from vanphong.core.roles import Role, grant_new_rights

NEW_RIGHTS = {
    Role.ANALYST: ["infocenter.add_bulletin", "infocenter.change_bulletin"],
    Role.OFFICE_LEADER: ["infocenter.approve_bulletin"],
    Role.UNIT_HEAD: ["infocenter.approve_bulletin"],
}


def load(apps: Any, schema_editor: Any) -> None:
    from vanphong.documents.reference import load_document_types

    load_document_types(apps.get_model("documents", "DocumentType"))
    grant_new_rights(apps, NEW_RIGHTS, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("infocenter", "0001_initial"),
        ("documents", "0004_default_rights"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
