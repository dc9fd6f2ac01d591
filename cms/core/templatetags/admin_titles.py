"""``{{ page|admin_title_for:request.user }}``: the page's title as this user may see it in the admin
(cms.core.permissions.admin_title_for). Used by the page chooser's cells (templates/wagtailadmin/chooser/)."""

from django import template

from cms.core.permissions import admin_title_for as title_for

register = template.Library()


@register.filter
def admin_title_for(page, user):
    return title_for(user, page) if page else ""
