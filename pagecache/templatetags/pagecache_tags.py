"""``{% memo %}``: a template fragment kept until the site next changes.

    {% load pagecache_tags %}
    {% memo "unit-list" filters.kind filters.region page_obj.number %} … {% endmemo %}

Like Django's ``{% cache %}``, but the fragment lives in the page cache's memo store (``memoize``), so any
edit that bumps the cache generation replaces it, and it is not kept at all where the page cache is off. The
key is the fragment's name, the host, the active language and the values given after it: name every value
the fragment shows that is not the same for all visitors of a page. Previews are never kept or served: they
show a draft. Only for content: never a fragment with a form (CSRF token) or anything about the user.

``{% csrf_placeholder %}``: the CSRF field of a form on a page the page cache keeps (see the tag).
"""

from django import template
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..cache import make_key, memoize
from ..middleware import personal_rendering

register = template.Library()


class MemoNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        values = [value.resolve(context) for value in self.vary_on]
        key = make_key("fragment", self.name.resolve(context), request.get_host(), get_language(), *values)
        return mark_safe(memoize(key, lambda: str(self.nodelist.render(context))))  # noqa: S308 - rendered template


@register.tag("memo")
def do_memo(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'memo' takes a fragment name and the values the fragment varies on")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])


@register.simple_tag(takes_context=True)
def csrf_placeholder(context):
    """The CSRF field of a form on a page the page cache may keep (``{% csrf_token %}`` in a shared page would
    give every visitor the same token, so the page was never kept).

    For an anonymous GET the field is empty: ``pagecache/csrf.js`` fetches this visitor's token from
    ``/csrf/`` (uncached) when the form is first used, and fills it in. Where the rendering is this visitor's
    anyway (a POST re-rendered with errors, an editor with a session, the page rendered again after a POST
    that came without a token: ``pagecache.views.csrf_failure``), the real token is rendered, so the form also
    works without JavaScript.
    """
    request = context.get("request")
    if request is None:
        return ""
    if personal_rendering(request):
        notice = ""
        if getattr(request, "_pagecache_csrf_retry", False):
            notice = format_html(
                '<p class="ds-alert csrf-retry" data-color="warning" role="alert">{}</p>',
                _(
                    "The form was not sent: your browser had no security token for it yet. "
                    "Please fill it in and send it again."
                ),
            )
        return format_html('{}<input type="hidden" name="csrfmiddlewaretoken" value="{}">', notice, get_token(request))
    script = ""
    if not context.render_context.get("pagecache_csrf_script"):
        context.render_context["pagecache_csrf_script"] = True
        script = format_html('<script src="{}" defer></script>', static("pagecache/csrf.js"))
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="" data-csrf-placeholder data-csrf-url="{}">{}',
        reverse("csrf_token"),
        script,
    )
