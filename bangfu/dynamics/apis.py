"""/api/v1/ endpoints of dynamic management: thin over the services and selectors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from bangfu.accounts import selectors as accounts_selectors
from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.api import query_filters
from bangfu.dynamics import rules, selectors, serializers
from bangfu.dynamics.models import AnnualReview, DynamicsRule, MonthlyIncome, Notification, Revisit, Watch
from bangfu.dynamics.services import history, notifications, reviews, revisits, rules_admin, sync, watch
from bangfu.registry import selectors as registry_selectors

if TYPE_CHECKING:
    from bangfu.registry.models import Case


class RevisitList(GenericAPIView[Revisit]):
    serializer_class = serializers.RevisitSerializer

    @extend_schema(operation_id="revisits_list", parameters=[serializers.RevisitFilterSerializer])
    def get(self, request: Request) -> Response:
        case = query_filters(request, serializers.RevisitFilterSerializer).get("case")
        rows = selectors.revisit_list(actor=access.actor(request), case=case)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=serializers.RevisitInputSerializer, responses={201: serializers.RevisitSerializer})
    def post(self, request: Request) -> Response:
        actor = access.actor(request)
        form = serializers.RevisitInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        case = registry_selectors.case_detail(actor=actor, pk=data.pop("case"))
        revisit = revisits.revisit_record(actor=actor, case=case, data=data)
        return Response(self.get_serializer(revisit).data, status=status.HTTP_201_CREATED)


class RevisitDetail(GenericAPIView[Revisit]):
    serializer_class = serializers.RevisitSerializer

    def get(self, request: Request, pk: int) -> Response:
        return Response(
            self.get_serializer(selectors.revisit_detail(actor=access.actor(request), pk=pk)).data
        )


def history_payload(case: Case) -> dict[str, Any]:
    """The stored months, the exit check on them and the revisit schedule."""
    rows = selectors.income_history(case=case)
    today = timezone.localdate()
    months = selectors.rule_for(case.household.region_code, today).exit_months
    check = rules.exit_check(history.figures(rows), today, months_required=months)
    schedule = selectors.schedule_of(case)
    return {
        "case": case.pk,
        "months": serializers.MonthlyIncomeSerializer(rows, many=True).data,
        "exit": {
            "ready": check.ready,
            "months_required": check.months_required,
            "run": [f"{figure.month:%Y-%m}" for figure in check.run],
        },
        "schedule": None
        if schedule is None
        else {
            "due_on": schedule.due_on,
            "last_visited_on": schedule.last_visited_on,
            "state": rules.revisit_state(schedule.due_on, today),
        },
    }


class IncomeHistory(GenericAPIView[MonthlyIncome]):
    serializer_class = serializers.MonthlyIncomeSerializer

    @extend_schema(responses={200: dict})
    def get(self, request: Request, pk: int) -> Response:
        case = registry_selectors.case_detail(actor=access.actor(request), pk=pk)
        return Response(history_payload(case))

    @extend_schema(request=None, responses={200: dict})
    def post(self, request: Request, pk: int) -> Response:
        """Recomputes the history from the registry's incomes."""
        actor = access.actor(request)
        case = registry_selectors.case_detail(actor=actor, pk=pk)
        access.require(actor, Perm.REVISIT_RECORD)
        history.history_refresh(case)
        return Response(history_payload(case))


class SyncConfirm(GenericAPIView["Case"]):
    serializer_class = serializers.NoteSerializer

    @extend_schema(request=None, responses={200: dict})
    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        case = registry_selectors.case_detail(actor=actor, pk=pk)
        item = sync.sync_confirm(actor=actor, case=case)
        return Response(
            {
                "case": case.pk,
                "changed_on": item.changed_on,
                "due_on": item.due_on,
                "synced_on": item.synced_on,
            }
        )


class AnnualReviewList(GenericAPIView[AnnualReview]):
    serializer_class = serializers.AnnualReviewSerializer

    @extend_schema(operation_id="annual_reviews_list")
    def get(self, request: Request) -> Response:
        reviews = selectors.review_list(actor=access.actor(request)).prefetch_related("checks")
        page = self.paginate_queryset(reviews)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=serializers.AnnualReviewInputSerializer, responses={201: serializers.AnnualReviewSerializer}
    )
    def post(self, request: Request) -> Response:
        actor = access.actor(request)
        form = serializers.AnnualReviewInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        try:
            org = accounts_selectors.org_by_code(actor=actor, code=data.pop("org"))
        except Http404:
            raise ValidationError({"org": _("The organisation is not in your scope.")}) from None
        review = reviews.annual_review_draw(actor=actor, org=org, **data)
        return Response(self.get_serializer(review).data, status=status.HTTP_201_CREATED)


class AnnualReviewDetail(GenericAPIView[AnnualReview]):
    serializer_class = serializers.AnnualReviewSerializer

    def get(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(selectors.review_detail(actor=access.actor(request), pk=pk)).data)


class SpotCheckCreate(GenericAPIView[AnnualReview]):
    serializer_class = serializers.SpotCheckInputSerializer

    @extend_schema(responses={201: serializers.SpotCheckSerializer})
    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        review = selectors.review_detail(actor=actor, pk=pk)
        form = serializers.SpotCheckInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        check = reviews.spot_check_record(
            actor=actor, review=review, case_id=data["case"], result=data["result"], notes=data["notes"]
        )
        return Response(serializers.SpotCheckSerializer(check).data, status=status.HTTP_201_CREATED)


class WatchList(GenericAPIView[Watch]):
    serializer_class = serializers.WatchSerializer

    @extend_schema(
        operation_id="watch_list", parameters=[OpenApiParameter("state", str, enum=["triggered", "active"])]
    )
    def get(self, request: Request) -> Response:
        rows = selectors.watch_list(actor=access.actor(request), state=request.query_params.get("state", ""))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class WatchDetail(GenericAPIView[Watch]):
    serializer_class = serializers.WatchSerializer

    def get(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(selectors.watch_detail(actor=access.actor(request), pk=pk)).data)


class WatchDismiss(GenericAPIView[Watch]):
    serializer_class = serializers.NoteSerializer

    @extend_schema(responses={200: serializers.WatchSerializer})
    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        item = selectors.watch_detail(actor=actor, pk=pk)
        form = serializers.NoteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        item = watch.watch_dismiss(actor=actor, watch=item, note=form.validated_data["note"])
        return Response(serializers.WatchSerializer(item).data)


class NotificationList(GenericAPIView[Notification]):
    serializer_class = serializers.NotificationSerializer

    @extend_schema(operation_id="notifications_list", parameters=[OpenApiParameter("unread", bool)])
    def get(self, request: Request) -> Response:
        unread = request.query_params.get("unread", "") in {"1", "true"}
        rows = selectors.notification_list(actor=access.actor(request), unread=unread)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=serializers.MarkReadSerializer, responses={200: dict})
    def post(self, request: Request) -> Response:
        """Marks the given notifications read (all of the caller's when `ids` is left out)."""
        form = serializers.MarkReadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        count = notifications.notifications_mark_read(
            actor=access.actor(request), ids=form.validated_data.get("ids")
        )
        return Response({"marked_read": count})


class DynamicsRuleList(GenericAPIView[DynamicsRule]):
    serializer_class = serializers.DynamicsRuleSerializer

    @extend_schema(operation_id="dynamics_rules_list")
    def get(self, request: Request) -> Response:
        access.require(access.actor(request), Perm.ORG_VIEW)
        page = self.paginate_queryset(selectors.rule_list())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def post(self, request: Request) -> Response:
        form = serializers.DynamicsRuleSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        rule = rules_admin.dynamics_rule_create(actor=access.actor(request), **form.validated_data)
        return Response(self.get_serializer(rule).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("revisits/", RevisitList.as_view(), name="api-revisit-list"),
    path("revisits/<int:pk>/", RevisitDetail.as_view(), name="api-revisit-detail"),
    path("cases/<int:pk>/income-history/", IncomeHistory.as_view(), name="api-case-income-history"),
    path("cases/<int:pk>/sync/", SyncConfirm.as_view(), name="api-case-sync"),
    path("annual-reviews/", AnnualReviewList.as_view(), name="api-annual-review-list"),
    path("annual-reviews/<int:pk>/", AnnualReviewDetail.as_view(), name="api-annual-review-detail"),
    path("annual-reviews/<int:pk>/checks/", SpotCheckCreate.as_view(), name="api-annual-review-checks"),
    path("watch/", WatchList.as_view(), name="api-watch-list"),
    path("watch/<int:pk>/", WatchDetail.as_view(), name="api-watch-detail"),
    path("watch/<int:pk>/dismiss/", WatchDismiss.as_view(), name="api-watch-dismiss"),
    path("notifications/", NotificationList.as_view(), name="api-notification-list"),
    path("dynamics-rules/", DynamicsRuleList.as_view(), name="api-dynamics-rule-list"),
]
