"""Telling the person at the screen what just happened (toasts), from code that has no request at hand.

The workflow task's ``on_action`` runs inside the admin's request but is not given it. The request is the one
``simple_history``'s ``HistoryRequestMiddleware`` keeps for the duration of a request (the project's one
"current request"); outside a request (shell, commands) nothing is shown.
"""

from django.contrib import messages
from django.utils.html import escape
from simple_history.models import HistoricalRecords

_TOLD_ATTR = "_editorial_told"


def current_request():
    return getattr(HistoricalRecords.context, "request", None)


def tell(level, text):
    request = current_request()
    if request is None or not hasattr(request, "_messages"):
        return
    messages.add_message(request, level, text)
    setattr(request, _TOLD_ATTR, True)


def keep_only_what_we_told(request, generic_texts):
    """Drop Wagtail's generic toasts (e.g. "Page … has been updated") when a specific one was given."""
    if not getattr(request, _TOLD_ATTR, False):
        return
    storage = getattr(request, "_messages", None)
    queued = getattr(storage, "_queued_messages", None)
    if queued is None:
        return
    # Wagtail's admin messages are rendered HTML (with buttons), so the text is looked for, escaped, inside.
    generic = {str(text) for text in generic_texts} | {escape(str(text)) for text in generic_texts}
    queued[:] = [message for message in queued if not any(text in str(message.message) for text in generic)]
