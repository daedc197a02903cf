"""Give the existing role groups the documents rights they start with (core.roles.DEFAULT_RIGHTS), once."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "lanh_dao_van_phong": ["direct_document", "sign_document", "review_document"],
    "lanh_dao_don_vi": ["review_document"],
    "van_thu": ["register_document"],
}


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now so they can be granted.
    create_permissions(global_apps.get_app_config("documents"), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue  # a new installation: the role groups are made afterwards with these rights
        group.permissions.add(*Permission.objects.filter(content_type__app_label="documents", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_numbersequence_document_attachment_documentcomment_and_more"),
                    ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
