"""The project's URLs plus two that fail on purpose, so the browser checks can open the 403 and 500 pages."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from cms import urls as project_urls


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a deliberate error for the 500 page")


urlpatterns = [path("_feil/403/", forbidden), path("_feil/500/", broken), *project_urls.urlpatterns]
handler404 = project_urls.handler404
handler500 = project_urls.handler500
