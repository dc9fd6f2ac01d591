from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.core import views as core_views
from home import views as home_views
from home.sitemaps import PublicSitemap
from pagecache import views as pagecache_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("search.urls")),
    path("", include("opendata.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": PublicSitemap}}, name="sitemap"),
    path("nettstedskart/", home_views.sitemap_page, name="html_sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    # This visitor's CSRF token for the forms of cached pages (pagecache/templatetags: csrf_placeholder).
    path("csrf/", pagecache_views.csrf_token_view, name="csrf_token"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's page view with the tree walk cached (pagecache/views.py); Wagtail's pattern and name,
    # leaving its _util/ views (password-protected pages, front-end login) to Wagtail.
    re_path(r"^(?!_util/)" + wagtail_urls.serve_pattern[1:], pagecache_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]

handler404 = "cms.core.views.page_not_found"
handler500 = "cms.core.views.server_error"
