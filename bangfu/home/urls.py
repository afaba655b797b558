from django.urls import path

from bangfu.home import views

# No namespace: the page is "home" (it was "accounts:home" while it lived in accounts).
urlpatterns = [
    path("", views.home, name="home"),
]
