"""Printable PDFs of the registry (included at the root)."""

from django.urls import path

from bangfu.registry.views import printing as views

app_name = "printing"
urlpatterns = [
    path("cases/<int:pk>/pdf/", views.case_pdf, name="case_pdf"),
    path("notices/print/", views.notice_list_pdf, name="notice_list_pdf"),
]
