from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("likeverdig-tilgang/", views.equal_access, name="equal_access"),
]
