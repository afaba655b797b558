"""API shapes of payment batches and fund statements; accounts are masked (the bank file alone is whole)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from bangfu.assistance.models import PaymentBatch, PaymentBatchItem
from bangfu.assistance.selectors_payments import Statement, StatementRow
from bangfu.assistance.serializers import FundRefSerializer, _viewer
from bangfu.core import masking


def _money(value: Any) -> str:
    return f"{value:.2f}"


class BatchCreateSerializer(serializers.Serializer[Any]):
    grants = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, allow_empty=False, max_length=5000,
        help_text="Grant ids; without them every approved grant in scope not yet in a batch.",
    )  # fmt: skip
    fund = serializers.IntegerField(required=False, allow_null=True, help_text="Only grants of this fund.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class CancelSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=200)


class ResultUploadSerializer(serializers.Serializer[Any]):
    file = serializers.FileField()
    paid_on = serializers.DateField(required=False, allow_null=True)


class BatchItemSerializer(serializers.ModelSerializer[PaymentBatchItem]):
    reference = serializers.CharField(read_only=True)
    account = serializers.SerializerMethodField()
    amount = serializers.SerializerMethodField()
    case = serializers.IntegerField(source="grant.case_id", read_only=True)
    grant_status = serializers.CharField(source="grant.status", read_only=True)

    class Meta:
        model = PaymentBatchItem
        fields = [
            "grant", "reference", "case", "amount", "account", "account_name", "bank_name", "result",
            "grant_status", "bank_reference", "failure_reason", "paid_on",
        ]  # fmt: skip
        read_only_fields = fields

    def get_account(self, item: PaymentBatchItem) -> str:
        return masking.show(_viewer(self), item.account, masking.BANK_ACCOUNT)

    def get_amount(self, item: PaymentBatchItem) -> str:
        return _money(item.amount)


class BatchSerializer(serializers.ModelSerializer[PaymentBatch]):
    org = serializers.CharField(source="org.code", read_only=True)
    fund = FundRefSerializer(read_only=True, allow_null=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)  # type: ignore[var-annotated]  # DRF's stubs cannot infer the related model
    pending_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = PaymentBatch
        fields = [
            "id", "number", "org", "fund", "status", "note", "item_count", "total_amount", "paid_count",
            "paid_amount", "failed_count", "failed_amount", "pending_count", "created_by", "created_at",
            "exported_at", "settled_at", "cancelled_at", "cancel_reason",
        ]  # fmt: skip
        read_only_fields = fields


class BatchDetailSerializer(BatchSerializer):
    items = serializers.SerializerMethodField()

    class Meta(BatchSerializer.Meta):
        fields = [*BatchSerializer.Meta.fields, "items"]
        read_only_fields = fields

    def get_items(self, batch: PaymentBatch) -> list[dict[str, Any]]:
        from bangfu.assistance.selectors_payments import batch_items

        return BatchItemSerializer(batch_items(batch), many=True, context=self.context).data  # type: ignore[return-value]


def _statement_row(row: StatementRow) -> dict[str, Any]:
    entry = row.entry
    return {
        "id": entry.pk, "date": entry.occurred_on.isoformat(), "kind": entry.kind, "grant": entry.grant_id,
        "note": entry.note, "amount": _money(entry.amount), "committed_change": _money(entry.committed_change),
        "balance_after": _money(row.balance), "committed_after": _money(row.committed),
    }  # fmt: skip


def statement_data(statement: Statement) -> dict[str, Any]:
    """The statement as JSON: opening, rows, totals per kind, closing; amounts as text."""
    return {
        "fund": statement.fund.pk,
        "from": statement.date_from.isoformat(),
        "to": statement.date_to.isoformat(),
        "opening_balance": _money(statement.opening_balance),
        "opening_committed": _money(statement.opening_committed),
        "rows": [_statement_row(row) for row in statement.rows],
        "totals": [
            {
                "kind": t.kind,
                "count": t.count,
                "amount": _money(t.amount),
                "committed_change": _money(t.committed_change),
            }
            for t in statement.totals
        ],
        "closing_balance": _money(statement.closing_balance),
        "closing_committed": _money(statement.closing_committed),
    }
