"""Give the decision cycle's new rights to the leaders' role groups of an installation set up before them."""

from typing import Any

from django.db import migrations

from vanphong.core.roles import Role, grant_new_rights

NEW_RIGHTS = {
    Role.OFFICE_LEADER: ["meetings.organise_meeting", "programs.manage_program", "programs.approve_appraisal"],
    Role.UNIT_HEAD: ["meetings.organise_meeting", "programs.manage_program", "programs.approve_appraisal"],
}


def grant(apps: Any, schema_editor: Any) -> None:
    grant_new_rights(apps, NEW_RIGHTS, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0005_rights"),
        ("meetings", "0003_cycle"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
