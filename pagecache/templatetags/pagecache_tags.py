"""``{% memo %}``: a template fragment kept until the site next changes.

    {% load pagecache_tags %}
    {% memo "unit-list" filters.kind filters.region page_obj.number %} … {% endmemo %}

Like Django's ``{% cache %}``, but the fragment lives in the page cache's memo store (``memoize``), so any
edit that bumps the cache generation replaces it, and it is not kept at all where the page cache is off. The
key is the fragment's name, the host, the active language and the values given after it: name every value
the fragment shows that is not the same for all visitors of a page. Previews are never kept or served: they
show a draft. Only for content: never a fragment with a form (CSRF token) or anything about the user.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..cache import make_key, memoize

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
