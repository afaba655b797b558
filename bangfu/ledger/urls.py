"""The ledger's pages (included at the root): the import (`ledger`) and the export downloads of the
household and case lists (`ledger_export`)."""

from django.urls import include, path

from bangfu.ledger import views

import_patterns = [
    path("ledger/import/", views.import_upload, name="import_upload"),
    path("ledger/import/template.xlsx", views.import_template, name="import_template"),
    path("ledger/import/<int:pk>/", views.import_job, name="import_job"),
    path("ledger/import/<int:pk>/progress/", views.import_job_progress, name="import_job_progress"),
    path("ledger/import/<int:pk>/errors.xlsx", views.import_job_errors, name="import_job_errors"),
]

export_patterns = [
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

urlpatterns = [
    path("", include((import_patterns, "ledger"))),
    path("", include((export_patterns, "ledger_export"))),
]
