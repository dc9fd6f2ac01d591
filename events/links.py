"""The signed links in registration e-mails and after registering: cancellation and receipt.

A token is signed with a salt per purpose and a time stamp; a cancellation token also carries a fingerprint of
the e-mail address, so it stops working once the registration is anonymised.
"""

import hashlib

from django.core import signing

from . import conf
from .models import Registration

CANCEL_SALT = "events.registration.cancel"
RECEIPT_SALT = "events.registration.receipt"


def _email_fingerprint(registration):
    return hashlib.sha256(registration.email.lower().encode()).hexdigest()[:12]


def token_segments(token):
    """A signed token's three parts, each only [A-Za-z0-9_-], to be used as URL path segments."""
    return token.split(signing.Signer().sep)


def make_cancel_token(registration):
    payload = {"r": registration.pk, "e": registration.event_id, "f": _email_fingerprint(registration)}
    return signing.TimestampSigner(salt=CANCEL_SALT).sign_object(payload)


def make_receipt_token(registration):
    return signing.TimestampSigner(salt=RECEIPT_SALT).sign_object({"r": registration.pk, "e": registration.event_id})


def _load_token(token, salt, max_age, event):
    try:
        payload = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, dict) or payload.get("e") != event.pk or not isinstance(payload.get("r"), int):
        return None
    return Registration.objects.filter(pk=payload["r"], event_id=event.pk).select_related(
        "event", "region"
    ).first(), payload


def registration_from_cancel_token(token, event):
    """The registration a cancellation link belongs to, or None if the link is forged, expired or used up."""
    loaded = _load_token(token, CANCEL_SALT, conf.get("EVENTS_CANCEL_LINK_MAX_AGE"), event)
    if not loaded or loaded[0] is None:
        return None
    registration, payload = loaded
    if registration.is_anonymised or payload.get("f") != _email_fingerprint(registration):
        return None
    return registration


def registration_from_receipt_token(token, event):
    loaded = _load_token(token, RECEIPT_SALT, conf.get("EVENTS_RECEIPT_MAX_AGE"), event)
    if not loaded or loaded[0] is None or loaded[0].is_anonymised:
        return None
    return loaded[0]


def cancel_url(registration, request=None):
    event = registration.event
    return event.get_full_url(request) + event.reverse_subpage(
        "cancel", args=token_segments(make_cancel_token(registration))
    )


def receipt_url(registration):
    event = registration.event
    return event.url + event.reverse_subpage("receipt", args=token_segments(make_receipt_token(registration)))
