"""Give the petitions' rights to the role groups of an installation set up before them."""

from typing import Any

from django.db import migrations

from vanphong.core.roles import Role, grant_new_rights

NEW_RIGHTS = {
    Role.OFFICE_LEADER: ["petitions.handle_petition", "petitions.reveal_identity"],
    Role.UNIT_HEAD: ["petitions.handle_petition", "petitions.reveal_identity"],
    Role.PETITIONS_OFFICER: ["petitions.handle_petition"],
}


def grant(apps: Any, schema_editor: Any) -> None:
    grant_new_rights(apps, NEW_RIGHTS, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0002_deadline_rules"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
