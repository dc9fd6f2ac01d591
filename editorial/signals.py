"""Signals of the editorial workflow (sent by ``editorial.models``, received by ``editorial.notifications``)."""

from django.dispatch import Signal

# A multiregional unit was approved by some of its required groups, others still pending.
# Arguments: ``instance`` (the EditorialApprovalTaskState), ``user`` (who approved), ``comment``.
partially_approved = Signal()
