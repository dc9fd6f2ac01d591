"""What happens when a workflow is approved (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Imported while Wagtail's models load: no model imports at module level.
"""


def publish_approved_workflow_state(workflow_state, user=None):
    """Publish the object once every task of its workflow has approved it.

    Wagtail's default publishes with the permissions of whoever gave the last approval. A multiregional
    service is approved last by the moderators of a host region who have no publish rights under the
    region where the page sits, so the approvals themselves are the authority to publish. The tasks
    decide who may approve; the log still records the approving user as publisher.
    """
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
