"""The editorial roles, as auth groups: Editors write and submit, Publishers also publish.

They name permissions of every app, so they live here, with the workflow that
enforces them. The groups are created and completed after every `migrate` (and
`flush`), so a permission added here reaches existing sites.
Permissions are only ever added: what an administrator grants by hand stays.
"""

from django.apps import apps as global_apps

EDITORS = "Editors"
PUBLISHERS = "Publishers"


def _perms(app_label, model, *actions):
    return [(app_label, f"{action}_{model}") for action in actions]


# Editors keep news, profiles, chronology and partners up to date, but never
# publish news and never delete what others may link to.
EDITOR_PERMISSIONS = [
    *_perms("news", "newsitem", "add", "change", "view"),
    *_perms("news", "newsimage", "add", "change", "delete", "view"),
    *_perms("news", "storydocument", "add", "change", "delete", "view"),
    *_perms("taggit", "tag", "add", "view"),
    *_perms("news", "tagtranslation", "view"),
    *_perms("countries", "country", "add", "change", "view"),
    *_perms("countries", "embassy", "add", "change", "delete", "view"),
    *_perms("countries", "tradefigure", "add", "change", "delete", "view"),
    *_perms("countries", "profiledocument", "add", "change", "delete", "view"),
    *_perms("chronology", "chronologyentry", "add", "change", "view"),
    *_perms("chronology", "category", "view"),
    *_perms("partners", "partnerorganisation", "add", "change", "view"),
    *_perms("balkan", "quote", "add", "change", "view"),
    *_perms("balkan", "page", "change", "view"),
]

PUBLISHER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    ("news", "publish_newsitem"),
    *_perms("news", "newsitem", "delete"),
    *_perms("taggit", "tag", "change", "delete"),
    *_perms("news", "tagtranslation", "add", "change", "delete"),
    *_perms("countries", "country", "delete"),
    *_perms("chronology", "chronologyentry", "delete"),
    *_perms("chronology", "category", "add", "change", "delete"),
    *_perms("partners", "partnerorganisation", "delete"),
    *_perms("balkan", "quote", "delete"),
]

ROLES = {EDITORS: EDITOR_PERMISSIONS, PUBLISHERS: PUBLISHER_PERMISSIONS}


def sync_roles(apps=global_apps):
    """Create the Editors and Publishers groups and add their permissions (those that exist yet)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        labels = {app_label for app_label, _ in wanted}
        existing = {
            (permission.content_type.app_label, permission.codename): permission
            for permission in Permission.objects.filter(content_type__app_label__in=labels).select_related(
                "content_type"
            )
        }
        group.permissions.add(*[existing[key] for key in wanted if key in existing])


def sync_roles_after_migrate(sender, apps=global_apps, **kwargs):
    # post_migrate is sent once per app, and each app's permissions are created
    # by its own signal: sync once, after the last app's permissions exist.
    app_configs = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if app_configs and sender.label == app_configs[-1].label:
        sync_roles(apps)
