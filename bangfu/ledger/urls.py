from django.urls import path

from bangfu.ledger import views

app_name = "ledger"
urlpatterns = [
    path("ledger/import/", views.import_upload, name="import_upload"),
    path("ledger/import/template.xlsx", views.import_template, name="import_template"),
    path("ledger/import/<int:pk>/", views.import_job, name="import_job"),
    path("ledger/import/<int:pk>/progress/", views.import_job_progress, name="import_job_progress"),
    path("ledger/import/<int:pk>/errors.xlsx", views.import_job_errors, name="import_job_errors"),
]
