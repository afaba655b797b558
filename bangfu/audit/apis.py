"""The audit trail over the API, for auditors."""

from __future__ import annotations

from typing import Any

from rest_framework import mixins, serializers, viewsets
from rest_framework.routers import SimpleRouter

from bangfu.audit import selectors
from bangfu.audit.forms import AuditSearchForm
from bangfu.audit.models import AuditEvent
from bangfu.core import access


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    class Meta:
        model = AuditEvent
        fields = [
            "id", "at", "actor_username", "org_code", "action", "target_type", "target_id",
            "target_repr", "changes", "detail", "source_ip", "request_id", "result",
        ]  # fmt: skip
        read_only_fields = fields


class AuditEventViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[AuditEvent]):
    """Audit events in the caller's subtree; filters: actor, target, action, date_from, date_to."""

    serializer_class = AuditEventSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no caller
            return AuditEvent.objects.none()
        form = AuditSearchForm(self.request.query_params or None)
        return selectors.event_list(actor=access.actor(self.request), filters=form.filters())


router = SimpleRouter(trailing_slash=True)
router.register("audit/events", AuditEventViewSet, basename="audit-event")
urlpatterns = router.urls
