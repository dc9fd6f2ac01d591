"""Template tags for the public site's frame: absolute addresses on the public host."""

from django import template

from home.sitemaps import public_url as _public_url

register = template.Library()


@register.simple_tag(takes_context=True)
def public_url(context, path=None):
    """The absolute address of ``path`` (default: this request's path) on the configured public host."""
    if path is None:
        request = context.get("request")
        path = request.path if request else "/"
    return _public_url(path)
