"""The registry's pages (included at the root), in three namespaces: `registry` (households and
cases), `policies` (policies, the holiday calendar, the public self-test) and `printing` (PDFs)."""

from django.urls import include, path

from bangfu.registry.views import conflicts, contact, households, members, policies, printing

household_patterns = [
    path("households/", households.household_list, name="household_list"),
    path("households/new/", households.household_create, name="household_create"),
    path("households/new/member-row/", members.member_row, name="member_row"),
    path("households/<int:pk>/", households.household_detail, name="household_detail"),
    path("households/<int:pk>/apply/", households.household_apply, name="household_apply"),
    path("households/<int:pk>/upload/", households.household_upload, name="household_upload"),
    path("households/<int:pk>/income/", households.household_income, name="household_income"),
    path("attachments/<int:pk>/download/", households.attachment_download, name="attachment_download"),
    path("households/<int:pk>/expense/", members.household_expense, name="household_expense"),
    path("cases/", households.case_list, name="case_list"),
    path("cases/<int:pk>/", households.case_detail, name="case_detail"),
    path("cases/<int:pk>/act/", households.case_act, name="case_act"),
    path("cases/<int:pk>/contact/", contact.case_contact, name="case_contact"),
    path("cases/<int:pk>/contact/confirm/", contact.case_bank_confirm, name="case_bank_confirm"),
    path("me/", households.my_household, name="my_household"),
    path("conflicts/", conflicts.conflict_list, name="conflict_list"),
    path("conflicts/<int:pk>/resolve/", conflicts.conflict_resolve, name="conflict_resolve"),
]

policy_patterns = [
    path("policies/", policies.policy_list, name="policy_list"),
    path("policies/new/", policies.policy_create, name="policy_create"),
    path("policies/<int:pk>/edit/", policies.policy_edit, name="policy_edit"),
    path("holidays/", policies.holiday_list, name="holiday_list"),
    path("holidays/<int:pk>/delete/", policies.holiday_delete, name="holiday_delete"),
    path("self-test/", policies.self_test, name="self_test"),
]

printing_patterns = [
    path("cases/<int:pk>/pdf/", printing.case_pdf, name="case_pdf"),
    path("notices/print/", printing.notice_list_pdf, name="notice_list_pdf"),
]

urlpatterns = [
    path("", include((policy_patterns, "policies"))),
    path("", include((household_patterns, "registry"))),
    path("", include((printing_patterns, "printing"))),
]
