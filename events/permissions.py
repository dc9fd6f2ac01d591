"""Who may see registrations (personal data) in the admin."""

from . import conf
from .models import EventPage


def sees_all_registrations(user):
    """Superusers and members of the national group see every registration."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=conf.get("EVENTS_NATIONAL_GROUP")).exists()


def can_view_registrations(user):
    """The national group, superusers, and the owners of at least one event."""
    if sees_all_registrations(user):
        return True
    return user.is_authenticated and user.is_active and EventPage.objects.filter(owner=user).exists()


def can_view_registration(user, registration):
    if sees_all_registrations(user):
        return True
    return user.is_authenticated and registration.event.owner_id == user.pk


def registrations_visible_to(queryset, user):
    """The registrations of ``queryset`` a user may see: all for superusers and the national group, otherwise
    those of the events they own."""
    if sees_all_registrations(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(event__owner=user)
