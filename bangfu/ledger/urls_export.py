from django.urls import path

from bangfu.ledger import export_views as views

app_name = "ledger_export"
urlpatterns = [
    path(
        "households/export.csv", views.household_export, {"file_format": "csv"}, name="household_export_csv"
    ),
    path(
        "households/export.xlsx",
        views.household_export,
        {"file_format": "xlsx"},
        name="household_export_xlsx",
    ),
    path("cases/export.csv", views.case_export, {"file_format": "csv"}, name="case_export_csv"),
    path("cases/export.xlsx", views.case_export, {"file_format": "xlsx"}, name="case_export_xlsx"),
]
