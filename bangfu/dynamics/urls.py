from django.urls import path

from bangfu.dynamics.views import pages, revisits

app_name = "dynamics"
urlpatterns = [
    path("cases/<int:pk>/revisit/", revisits.revisit_form, name="revisit_form"),
    path("cases/<int:pk>/dynamics/act/", revisits.case_act, name="case_act"),
    path("cases/<int:pk>/sync/", revisits.sync_confirm, name="sync_confirm"),
    path("cases/archive/", pages.archive, name="archive"),
    path("revisits/", pages.revisit_lists, name="revisits"),
    path("exits/", pages.exits, name="exits"),
    path("watch/", pages.watch_page, name="watch"),
    path("watch/<int:pk>/dismiss/", pages.watch_dismiss, name="watch_dismiss"),
    path("annual-reviews/", pages.review_list, name="review_list"),
    path("annual-reviews/<int:pk>/", pages.review_detail, name="review_detail"),
    path("notifications/", pages.notification_list, name="notifications"),
]
