"""Pages of the money side (include from config/urls.py: `path("", include("bangfu.assistance.urls"))`)."""

from django.urls import path

from bangfu.assistance import views, views_payments

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
    path("funds/<int:pk>/statement/", views_payments.fund_statement, name="fund_statement"),
    path("payments/", views_payments.batch_list, name="batch_list"),
    path("payments/new/", views_payments.batch_create, name="batch_create"),
    path("payments/<int:pk>/", views_payments.batch_detail, name="batch_detail"),
    path("payments/<int:pk>/export/<str:file_format>/", views_payments.batch_export, name="batch_export"),
    path("payments/<int:pk>/result/", views_payments.batch_result, name="batch_result"),
    path("payments/<int:pk>/cancel/", views_payments.batch_cancel, name="batch_cancel"),
]
