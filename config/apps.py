from django.contrib.admin.apps import AdminConfig


class KitchenAdminConfig(AdminConfig):
    """Django's admin app, serving `config.admin.KitchenAdminSite` as `admin.site`."""

    default_site = "config.admin.KitchenAdminSite"
