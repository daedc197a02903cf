"""Roles of the office's people, kept as Django groups so administrators can change what each role may do."""

from __future__ import annotations

from typing import Any

from django.db import models


class Role(models.TextChoices):
    SPECIALIST = "chuyen_vien", "Chuyên viên"
    UNIT_HEAD = "lanh_dao_don_vi", "Lãnh đạo đơn vị"
    OFFICE_LEADER = "lanh_dao_van_phong", "Lãnh đạo Văn phòng"
    CLERK = "van_thu", "Văn thư"
    PETITIONS_OFFICER = "can_bo_don_thu", "Cán bộ xử lý đơn thư"
    ANALYST = "chuyen_vien_thong_tin", "Chuyên viên thông tin"
    ADMIN = "quan_tri", "Quản trị hệ thống"


# Two-factor sign-in is required for these roles (and for superusers).
TWO_FACTOR_ROLES = frozenset({Role.UNIT_HEAD, Role.OFFICE_LEADER, Role.CLERK, Role.ADMIN})

# The rights each role starts with; administrators may change them afterwards in the admin.
DEFAULT_RIGHTS: dict[str, list[str]] = {
    Role.OFFICE_LEADER: ["security.view_all_classified", "documents.direct_document", "documents.sign_document",
                         "documents.review_document", "meetings.organise_meeting", "programs.manage_program",
                         "programs.approve_appraisal", "petitions.handle_petition", "petitions.reveal_identity",
                         "infocenter.approve_bulletin"],
    Role.UNIT_HEAD: ["documents.review_document", "meetings.organise_meeting", "programs.manage_program",
                     "programs.approve_appraisal", "petitions.handle_petition", "petitions.reveal_identity",
                     "infocenter.approve_bulletin"],
    Role.CLERK: ["documents.register_document"],
    Role.PETITIONS_OFFICER: ["petitions.handle_petition"],
    Role.ANALYST: ["infocenter.manage_sources", "infocenter.add_infoitem", "infocenter.add_bulletin",
                   "infocenter.change_bulletin"],
    Role.ADMIN: ["security.view_auditevent"],
}


def ensure_role_groups(sender: Any = None, **kwargs: Any) -> None:
    """Create the role groups once, with their default rights; never overwrite an administrator's changes."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    # Rights of apps whose own post_migrate has not run yet (they come later in INSTALLED_APPS) must exist first.
    apps_of_rights = {dotted.split(".")[0] for rights in DEFAULT_RIGHTS.values() for dotted in rights}
    for label in apps_of_rights:
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    for role in Role:
        group, created = Group.objects.using(using).get_or_create(name=role.value)
        if not created:
            continue
        for dotted in DEFAULT_RIGHTS.get(role, []):
            app_label, codename = dotted.split(".")
            perm = Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                group.permissions.add(perm)


def grant_new_rights(apps: Any, rights: dict[str, list[str]], using: str = "default") -> None:
    """For a data migration that brings new rights: give them to the existing role groups that start with them.

    `ensure_role_groups` fills a group only when it creates it, so an installation set up before a right existed
    would never get it. A right that did not exist cannot have been taken away by an administrator yet, so adding
    it now overrides no one's choice. On a new database the groups do not exist yet and nothing happens here.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Rights are made after migrations (post_migrate); make them now, from the models as this migration sees them.
    for label in {dotted.split(".")[0] for dotted_rights in rights.values() for dotted in dotted_rights}:
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    for role, dotted_rights in rights.items():
        group = Group.objects.using(using).filter(name=role).first()
        if group is None:
            continue
        for dotted in dotted_rights:
            app_label, codename = dotted.split(".")
            perm = Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                group.permissions.add(perm)
