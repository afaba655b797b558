"""Pages of grants. Their names stay in the `assistance:` namespace they had before the split
(config/urls.py includes them with treasury's; decision 0008)."""

from django.urls import path

from bangfu.grants import views

urlpatterns = [
    path("grants/", views.grant_queue, name="grant_queue"),
    path("grants/all/", views.grant_list, name="grant_list"),
    path("grants/propose/", views.grant_propose, name="grant_propose"),
    path("grants/<int:pk>/approve/", views.grant_approve, name="grant_approve"),
    path("grants/<int:pk>/reject/", views.grant_reject, name="grant_reject"),
    path("grants/<int:pk>/reissue/", views.grant_reissue, name="grant_reissue"),
]
