from rest_framework.routers import SimpleRouter

from bangfu.audit import apis

router = SimpleRouter(trailing_slash=True)
router.register("audit/events", apis.AuditEventViewSet, basename="audit-event")
urlpatterns = router.urls
