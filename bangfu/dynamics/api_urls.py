"""/api/v1/ paths of dynamic management (included by bangfu/api_urls.py)."""

from django.urls import path

from bangfu.dynamics import apis

urlpatterns = [
    path("revisits/", apis.RevisitList.as_view(), name="api-revisit-list"),
    path("revisits/<int:pk>/", apis.RevisitDetail.as_view(), name="api-revisit-detail"),
    path("cases/<int:pk>/income-history/", apis.IncomeHistory.as_view(), name="api-case-income-history"),
    path("cases/<int:pk>/sync/", apis.SyncConfirm.as_view(), name="api-case-sync"),
    path("annual-reviews/", apis.AnnualReviewList.as_view(), name="api-annual-review-list"),
    path("annual-reviews/<int:pk>/", apis.AnnualReviewDetail.as_view(), name="api-annual-review-detail"),
    path("annual-reviews/<int:pk>/checks/", apis.SpotCheckCreate.as_view(), name="api-annual-review-checks"),
    path("watch/", apis.WatchList.as_view(), name="api-watch-list"),
    path("watch/<int:pk>/", apis.WatchDetail.as_view(), name="api-watch-detail"),
    path("watch/<int:pk>/dismiss/", apis.WatchDismiss.as_view(), name="api-watch-dismiss"),
    path("notifications/", apis.NotificationList.as_view(), name="api-notification-list"),
    path("dynamics-rules/", apis.DynamicsRuleList.as_view(), name="api-dynamics-rule-list"),
]
