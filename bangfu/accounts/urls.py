from django.contrib.auth import views as auth_views
from django.urls import path

from bangfu.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("orgs/", views.org_list, name="org_list"),
    path("orgs/suggest/", views.org_suggest, name="org_suggest"),
    path("users/", views.user_list, name="user_list"),
    path("users/<int:pk>/toggle-active/", views.user_toggle_active, name="user_toggle_active"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/password/", views.user_password_reset, name="user_password_reset"),
    path("account/password/", views.password_change, name="password_change"),
    path("users/<int:pk>/reveal/<str:field>/", views.user_reveal, name="user_reveal"),
]
