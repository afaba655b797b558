"""Pages of treasury: funds, statements, payment batches. Their names stay in the `assistance:`
namespace they had before the split (config/urls.py includes them with grants'; decision 0008)."""

from django.urls import path

from bangfu.treasury import views

urlpatterns = [
    path("funds/", views.fund_list, name="fund_list"),
    path("funds/<int:pk>/", views.fund_detail, name="fund_detail"),
    path("funds/<int:pk>/receive/", views.fund_receive, name="fund_receive"),
    path("funds/<int:pk>/statement/", views.fund_statement, name="fund_statement"),
    path("payments/", views.batch_list, name="batch_list"),
    path("payments/new/", views.batch_create, name="batch_create"),
    path("payments/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("payments/<int:pk>/export/<str:file_format>/", views.batch_export, name="batch_export"),
    path("payments/<int:pk>/result/", views.batch_result, name="batch_result"),
    path("payments/<int:pk>/cancel/", views.batch_cancel, name="batch_cancel"),
]
