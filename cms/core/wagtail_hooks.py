"""Admin hooks of the core: what Wagtail's admin shows a user stays within what that user may see
(issue 18, findings 8; the access guard is in cms/core/security.py)."""

from django.db.models import Q
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

MEDIA_ACTIONS = ["add", "change", "delete", "choose"]


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """The admin's images API lists only images in collections the user may choose from."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(get_image_model())
        collections = policy.collections_user_has_any_permission_for(self.request.user, MEDIA_ACTIONS)
        return super().get_queryset().filter(collection__in=collections)


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin's documents API lists only documents in collections the user may choose from."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(get_document_model())
        collections = policy.collections_user_has_any_permission_for(self.request.user, MEDIA_ACTIONS)
        return super().get_queryset().filter(collection__in=collections)


@hooks.register("construct_admin_api", order=100)  # after wagtail.images and wagtail.documents register theirs
def scope_media_api(router):
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


@hooks.register("construct_page_chooser_queryset")
def leave_out_other_drafts(pages, request):
    """The page chooser offers live pages anywhere (links may point anywhere), and drafts only where the user
    may edit: another region's unpublished pages are not listed."""
    if request.user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(request.user, ["add", "change", "publish"])
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
