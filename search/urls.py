from django.urls import path

from . import views

urlpatterns = [
    path("sok/", views.search, name="search"),
    path("api/search/", views.api_search, name="search_api"),
    path("api/search/suggest/", views.api_suggest, name="search_suggest"),
]
