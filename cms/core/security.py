"""Security headers for every response, and the admin login lockout page.

Django's SecurityMiddleware already sends HSTS (production), X-Content-Type-Options, Referrer-Policy and
Cross-Origin-Opener-Policy. This middleware adds what Django 5.2 lacks: a Content-Security-Policy and a
Permissions-Policy.

The public site gets a strict policy: scripts and styles only from our own origin, no inline script, no
plugins, no framing. Wagtail's and Django's admin still use a handful of inline scripts (date pickers,
inline panels), so the admin, which is only reachable after login, gets a policy that allows inline script
there and nowhere else. A response that already carries a policy (Wagtail's document view sends
``default-src 'none'``) keeps its own.

Live preview: Wagtail renders a preview by sending a simulated request for the page's *public* path through
the whole middleware stack (``PreviewableMixin.make_preview_request``, which marks it ``is_preview``), and the
admin view returns that response. Judged by its path, it would get the public policy and its
``frame-ancestors 'none'``, and the editor's preview panel (a same-origin frame) would stay blank. Preview
responses therefore get the public policy with ``frame-ancestors 'self'``: the page renders as visitors see
it, and only our own admin may frame it. Wagtail's preview views set ``X-Frame-Options: SAMEORIGIN`` on
the outer response themselves, over production's ``DENY``.
"""

from django.apps import apps
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

PUBLIC_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

ADMIN_CSP = {
    **PUBLIC_CSP,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    # The page editor shows its live preview in a same-origin frame.
    "frame-ancestors": ["'self'"],
}

# A page or snippet rendered for the admin's preview panel: public rules, but framed by our own admin.
PREVIEW_CSP = {**PUBLIC_CSP, "frame-ancestors": ["'self'"]}

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def build_policy(directives):
    """Serialise a {directive: [sources]} mapping into a header value."""
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in directives.items())


def apply_security_headers(request, response):
    """Give ``response`` the headers the middleware below would, for answers made before it runs."""
    is_admin = request.path.startswith(ADMIN_PREFIXES)
    policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN" if is_admin else "CONTENT_SECURITY_POLICY", None)
    policy = policy or (ADMIN_CSP if is_admin else PUBLIC_CSP)
    response.setdefault("Content-Security-Policy", build_policy(policy))
    response.setdefault("Permissions-Policy", getattr(settings, "PERMISSIONS_POLICY", PERMISSIONS_POLICY))
    return response


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy to every response that has none."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = build_policy(getattr(settings, "CONTENT_SECURITY_POLICY", PUBLIC_CSP))
        self.admin_policy = build_policy(getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", ADMIN_CSP))
        self.preview_policy = build_policy(getattr(settings, "CONTENT_SECURITY_POLICY_PREVIEW", PREVIEW_CSP))
        self.permissions_policy = getattr(settings, "PERMISSIONS_POLICY", PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy_for(request)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions_policy
        return response

    def policy_for(self, request):
        if request.path.startswith(ADMIN_PREFIXES):
            return self.admin_policy
        # Set by Wagtail on the simulated request of a preview (never on a visitor's request).
        if getattr(request, "is_preview", False):
            return self.preview_policy
        return self.public_policy


# Admin views that Wagtail does not limit to what the user may see: the rule each must pass (issue 18, §2).
SUPERUSER_ONLY_VIEWS = {
    # Every page of a type, across the regions, with draft titles.
    "wagtailadmin_pages:type_use",
    "wagtailadmin_pages:type_use_results",
    # Each page type with its last edited page, whichever region it is in, by its draft title.
    "wagtailadmin_reports:page_types_usage",
}
PAGE_RULES = {
    # Confirmation pages that name the page: only for those who may do what they confirm.
    "wagtailadmin_pages:move_confirm": ("page_to_move_id", "can_move"),
    "wagtailadmin_pages:confirm_workflow_cancellation": ("page_id", "can_edit"),
}


def model_permitted(user, model):
    """Any of add, change, delete or view on ``model``."""
    opts = model._meta
    return any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("add", "change", "delete", "view")
    )


def admin_view_refused(request, view_name, kwargs):
    """True if the admin view ``view_name`` may not be shown to ``request.user`` for these URL arguments."""
    user = request.user
    if user.is_superuser:
        return False
    if view_name in SUPERUSER_ONLY_VIEWS:
        return True
    if view_name in PAGE_RULES:
        argument, rule = PAGE_RULES[view_name]
        page = Page.objects.filter(pk=kwargs.get(argument)).first()
        return page is None or not getattr(page.permissions_for_user(user), rule)()
    if view_name.startswith("wagtailsnippetchoosers_") and view_name.endswith(":chosen"):
        model = getattr(request.resolver_match.func, "view_class", None)
        model = getattr(model, "model", None) or snippet_model(view_name)
        return model is not None and not model_permitted(user, model)
    if view_name == "wagtail_bulk_action" and kwargs.get("app_label") == "wagtailcore":
        ids = [i for i in request.GET.getlist("id") if i.isdigit()]
        pages = Page.objects.filter(pk__in=ids)
        return any(not page.permissions_for_user(user).can_edit() for page in pages)
    return False


def snippet_model(view_name):
    """The model of a snippet chooser's URL name, ``wagtailsnippetchoosers_<app>_<model>:chosen``."""
    label = view_name.removeprefix("wagtailsnippetchoosers_").removesuffix(":chosen")
    for model in apps.get_models():
        if f"{model._meta.app_label}_{model._meta.model_name}" == label:
            return model
    return None


class AdminAccessGuardMiddleware:
    """Refuses the admin views listed above to users the rule does not admit, as Wagtail refuses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.path.startswith("/admin/") or not request.user.is_authenticated:
            return None
        if admin_view_refused(request, match.view_name, view_kwargs):
            # As Wagtail refuses: back to the dashboard with its message (403 for the choosers' requests).
            return permission_denied(request)
        return None


def lockout_response(request, credentials=None):
    """What django-axes answers once an account or address has failed to log in too often (HTTP 429)."""
    context = {
        "title": _("Too many failed login attempts"),
        "message": _(
            "Logging in has been blocked for a while after too many failed attempts. "
            "Try again in an hour, or ask an administrator to unlock the account."
        ),
    }
    html = render_to_string("lockout.html", context, request=request)
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
