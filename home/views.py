"""Public views that are not pages: the HTML sitemap, and the answer to a form sent without a valid CSRF token."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Site

from pagecache.views import page_form_again

from .queries import page_tree


@require_safe
def sitemap_page(request):
    """'Nettstedskart': every live, public page as a nested list. /sitemap.xml stays the crawlers' sitemap."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    root = site.root_page
    return render(request, "home/sitemap_page.html", {"root": root, "tree": page_tree(root)})


def csrf_failure(request, reason=""):
    """Django's own page says 'Forbidden (403)' in developer terms; this one says what happened and what to do,
    in the site's frame (menu and footer, which Django's view leaves out). A form on a cached page sent without
    a token yet (JavaScript off) gets its page again, with a token (pagecache.views.page_form_again)."""
    again = page_form_again(request)
    if again is not None:
        return again
    return render(request, "403_csrf.html", {"reason": reason}, status=403)
