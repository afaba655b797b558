from django.urls import path

from bangfu.registry.views import households as views

app_name = "registry"
urlpatterns = [
    path("households/", views.household_list, name="household_list"),
    path("households/new/", views.household_create, name="household_create"),
    path("households/<int:pk>/", views.household_detail, name="household_detail"),
    path("households/<int:pk>/apply/", views.household_apply, name="household_apply"),
    path("households/<int:pk>/upload/", views.household_upload, name="household_upload"),
    path("households/<int:pk>/income/", views.household_income, name="household_income"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/act/", views.case_act, name="case_act"),
    path("me/", views.my_household, name="my_household"),
]
