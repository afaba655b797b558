"""Pages of the money side (include from config/urls.py: `path("", include("bangfu.assistance.urls"))`)."""

from django.urls import path

from bangfu.assistance import views

app_name = "assistance"
urlpatterns = [
    path("grants/", views.grant_queue, name="grant_queue"),
    path("grants/all/", views.grant_list, name="grant_list"),
    path("grants/propose/", views.grant_propose, name="grant_propose"),
    path("grants/<int:pk>/approve/", views.grant_approve, name="grant_approve"),
    path("grants/<int:pk>/reject/", views.grant_reject, name="grant_reject"),
    path("funds/", views.fund_list, name="fund_list"),
    path("funds/<int:pk>/", views.fund_detail, name="fund_detail"),
    path("funds/<int:pk>/receive/", views.fund_receive, name="fund_receive"),
]
