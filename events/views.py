"""The event page with its registration form, the receipt and the cancellation page.

Pages that carry a form (CSRF token) or personal data are marked ``Cache-Control: private, no-cache, no-store``
(Django's never_cache headers), so no shared or page cache may store them.
"""

import logging

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cms.core.http import client_ip

from . import conf, links, routes, services
from .forms import RegistrationForm
from .models import RegistrationState, RegistrationStatus

logger = logging.getLogger(__name__)


def _never_cache(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def _closed_message(page):
    state = page.state
    if state == RegistrationState.NOT_YET_OPEN:
        when = date_format(timezone.localtime(page.registration_opens), "j. F Y \\k\\l. H:i")
        return _("Registration has not opened yet. It opens %(when)s.") % {"when": when}
    if state == RegistrationState.HELD:
        return _("This event has been held. Registration is closed.")
    if state == RegistrationState.NO_REGISTRATION:
        return _("This event does not take registrations on this site.")
    return _("Registration for this event has closed.")


def _render(request, page, form, status=200, notice=None):
    response = page.render(
        request,
        context_overrides={
            "form": form,
            "notice": notice,
            "trust_names": RegistrationForm.trust_names() if form is not None else [],
        },
    )
    response.status_code = status
    if request.method == "POST":  # the form's CSRF field is filled per visitor: the GET may be cached
        _never_cache(response)
    return response


# When the shared cache (Redis) cannot count, each process counts for itself: the limit then applies per worker
# process, which is weaker but keeps registration working (issue 18, "Degrade, don't fail").
_local_counts = LocMemCache("events-rate-limit", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 10000}})


def reset_local_rate_limit():
    _local_counts.clear()


def _count_attempt(counter, key, window):
    """Add one attempt to ``key`` in ``counter``; None when the counter cannot count (the cache is down)."""
    counter.add(key, 0, window)
    try:
        return counter.incr(key)
    except ValueError:  # expired between add and incr
        counter.set(key, 1, window)
        return counter.get(key)


def is_rate_limited(request):
    """Count a registration attempt from this address; True once the limit for the window is passed.

    The address is the one django-axes sees (``cms.core.http.client_ip``): behind ``TRUSTED_PROXY_COUNT``
    proxies each visitor is counted by their own address, and X-Forwarded-For entries further left (the
    client's own claims) do not give a fresh count."""
    limit = conf.get("EVENTS_REGISTRATION_RATE_LIMIT")
    window = conf.get("EVENTS_REGISTRATION_RATE_WINDOW")
    key = f"events:registration-attempts:{client_ip(request) or 'unknown'}"
    try:
        attempts = _count_attempt(cache, key, window)
    except Exception:  # a cache backend that raises instead of degrading
        logger.exception("The registration rate limit could not use the cache")
        attempts = None
    if attempts is None:
        logger.warning("The registration rate limit counts in this process only: the cache is unavailable.")
        attempts = _count_attempt(_local_counts, key, window)
    return attempts > limit


def _rate_limited_response(request, page, form):
    form.is_valid()
    form.add_error(None, _("We have received too many registrations from your network. Try again in a few minutes."))
    response = _render(request, page, form, status=429)
    response["Retry-After"] = str(conf.get("EVENTS_REGISTRATION_RATE_WINDOW"))
    return response


@routes.page_view("event")
def event_page_view(request, page):
    if request.method == "POST":
        return _register(request, page)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form = RegistrationForm(event=page) if page.accepts_registrations else None
    return _render(request, page, form)


def _register(request, page):
    if not page.accepts_registrations:
        return _render(request, page, None, status=403, notice=_closed_message(page))
    form = RegistrationForm(request.POST, event=page)
    if is_rate_limited(request):
        return _rate_limited_response(request, page, form)
    if form.is_spam:
        form.is_valid()
        form.add_error(None, _("The registration could not be sent. Leave the last field empty and try again."))
        return _render(request, page, form, status=400)
    if not form.is_valid():
        return _render(request, page, form, status=400)
    try:
        registration = services.register(page.pk, form.to_data(), request=request)
    except services.RegistrationError as error:
        if error.code == "duplicate":
            form.add_error("email", _("This e-mail address is already registered for this event."))
            return _render(request, page, form, status=409)
        if error.code == "attendance":  # the event changed while the form was open
            form.add_error(None, _("This way of attending is no longer offered. Choose again."))
            return _render(request, page, form, status=400)
        return _render(request, page, None, status=403, notice=_closed_message(page))
    return HttpResponseRedirect(links.receipt_url(registration), status=303)


@routes.page_view("receipt")
def receipt_view(request, page, token):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    registration = links.registration_from_receipt_token(token, page)
    if registration is None:
        return _link_invalid(request, page, status=404)
    response = page.render(
        request,
        template="events/registration_receipt.html",
        context_overrides={
            "registration": registration,
            "waiting_position": registration.waiting_position(),
            "statuses": RegistrationStatus,
        },
    )
    return _never_cache(response)


@routes.page_view("cancel")
def cancel_view(request, page, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    registration = links.registration_from_cancel_token(token, page)
    if registration is None:
        return _link_invalid(request, page, status=400)
    context = {"registration": registration, "statuses": RegistrationStatus, "done": False, "too_late": False}
    status = 200
    if registration.status != RegistrationStatus.CANCELLED and timezone.now() >= page.start:
        context["too_late"] = True
        status = 409
    elif request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        try:
            registration, _promoted = services.cancel(registration.pk, request=request)
            context.update(registration=registration, done=True)
        except services.RegistrationError:
            context["too_late"] = True
            status = 409
    response = page.render(request, template="events/registration_cancel.html", context_overrides=context)
    response.status_code = status
    return _never_cache(response)


def _link_invalid(request, page, status):
    response = page.render(request, template="events/registration_link_invalid.html")
    response.status_code = status
    return _never_cache(response)
