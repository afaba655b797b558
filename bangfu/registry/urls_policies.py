"""Pages for policies, the holiday calendar and the public self-test (included at the root)."""

from django.urls import path

from bangfu.registry.views import policies as views

app_name = "policies"
urlpatterns = [
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/new/", views.policy_create, name="policy_create"),
    path("policies/<int:pk>/edit/", views.policy_edit, name="policy_edit"),
    path("holidays/", views.holiday_list, name="holiday_list"),
    path("holidays/<int:pk>/delete/", views.holiday_delete, name="holiday_delete"),
    path("self-test/", views.self_test, name="self_test"),
]
