"""The event page's views, by name.

Wagtail routes an event page's sub-paths (``RoutablePageMixin``) through methods of the page model, but the
views import the models. So the model asks this registry for the view, and ``events.views`` registers its
views here when the app is loaded (``EventsConfig.ready``): no import runs from the models up to the views.
"""

_VIEWS = {}


def page_view(name):
    """Register the decorated function as the page view ``name``: ``view(request, page, *args)``."""

    def register(function):
        _VIEWS[name] = function
        return function

    return register


def call(name, request, page, *args):
    return _VIEWS[name](request, page, *args)
