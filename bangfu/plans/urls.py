from django.urls import path

from bangfu.plans import views

app_name = "plans"
urlpatterns = [
    path("cases/<int:pk>/plan/", views.plan_set, name="plan_set"),
    path("cases/<int:pk>/measures/new/", views.measure_add, name="measure_add"),
    path("cases/<int:pk>/pairings/new/", views.pairing_start, name="pairing_start"),
    path("measures/assigned/", views.assigned, name="assigned"),
    path("measures/<int:pk>/status/", views.measure_status, name="measure_status"),
    path("pairings/", views.pairing_list, name="pairing_list"),
    path("pairings/<int:pk>/", views.pairing_detail, name="pairing_detail"),
    path("pairings/<int:pk>/visits/new/", views.visit_add, name="visit_add"),
    path("pairings/<int:pk>/gifts/new/", views.gift_add, name="gift_add"),
    path("pairings/<int:pk>/end/", views.pairing_end, name="pairing_end"),
    path("caring-parties/new/", views.caring_party_create, name="caring_party_create"),
]
