"""API shapes of funds, their ledger, payment batches and fund statements; amounts are text with two
decimals, accounts are masked (the bank file alone is whole)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bangfu.core import masking
from bangfu.core.money import parse_amount, quantize
from bangfu.treasury.models import Fund, FundEntry, FundSource, ItemResult, PaymentBatch, PaymentBatchItem
from bangfu.treasury.rules import amount_problem
from bangfu.treasury.selectors import Statement, StatementRow, batch_items
from bangfu.treasury.services.amounts import amount_message


def viewer(serializer: serializers.BaseSerializer[Any]) -> Any:
    request = serializer.context.get("request")
    return getattr(request, "user", None)


@extend_schema_field(
    {"type": "string", "format": "decimal", "pattern": r"^\d+(\.\d{1,2})?$", "example": "1000.00"}
)
class AmountField(serializers.Field):  # type: ignore[type-arg]  # DRF's stubs take four parameters
    """Yuan as text or number: more than zero, at most two decimals; our own messages and codes."""

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, bool):
            data = "invalid"
        problem = amount_problem(data)
        if problem is not None:
            raise serializers.ValidationError(amount_message(problem), code=problem.value)
        return quantize(data if isinstance(data, Decimal) else parse_amount(data, negative=True))

    def to_representation(self, value: Any) -> str:
        return f"{quantize(Decimal(value)):.2f}"


class FundRefSerializer(serializers.ModelSerializer[Fund]):
    class Meta:
        model = Fund
        fields = ["id", "name", "source"]
        read_only_fields = fields


# Funds ---------------------------------------------------------------------------------------


class FundSerializer(serializers.ModelSerializer[Fund]):
    org = serializers.CharField(source="org.code", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    balance = AmountField(read_only=True)
    committed = AmountField(read_only=True)

    class Meta:
        model = Fund
        fields = [
            "id",
            "org",
            "org_name",
            "name",
            "source",
            "balance",
            "committed",
            "is_active",
            "created_at",
        ]
        read_only_fields = fields


class FundCreateSerializer(serializers.Serializer[Any]):
    org = serializers.CharField(max_length=40, help_text=_("Organisation code."))
    name = serializers.CharField(max_length=120)
    source = serializers.ChoiceField(choices=FundSource.choices)  # type: ignore[assignment]  # a field named "source"


class ReceiptSerializer(serializers.Serializer[Any]):
    amount = AmountField()
    source_note = serializers.CharField(max_length=200)
    received_on = serializers.DateField(required=False)


class FundEntrySerializer(serializers.ModelSerializer[FundEntry]):
    amount = AmountField(read_only=True)
    committed_change = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    balance_after = AmountField(read_only=True)
    committed_after = AmountField(read_only=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)  # type: ignore[var-annotated]  # DRF's stubs cannot infer the related model

    class Meta:
        model = FundEntry
        fields = [
            "id", "kind", "amount", "committed_change", "balance_after", "committed_after", "grant",
            "reverses", "note", "occurred_on", "created_at", "created_by",
        ]  # fmt: skip
        read_only_fields = fields

    def to_representation(self, instance: FundEntry) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["amount"] = f"{instance.amount:.2f}"  # signed: a commitment takes money off the balance
        return data


# Payment batches and statements --------------------------------------------------------------


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
    case = serializers.IntegerField(source="line.case_id", read_only=True, allow_null=True)
    grant_status = serializers.CharField(source="line.status", read_only=True)
    refusal = serializers.SerializerMethodField()

    class Meta:
        model = PaymentBatchItem
        fields = [
            "grant", "reference", "case", "amount", "account", "account_name", "bank_name", "result",
            "grant_status", "bank_reference", "failure_reason", "paid_on", "refusal",
        ]  # fmt: skip
        read_only_fields = fields

    def get_account(self, item: PaymentBatchItem) -> str:
        return masking.show(viewer(self), item.account, masking.BANK_ACCOUNT)

    def get_amount(self, item: PaymentBatchItem) -> str:
        return _money(item.amount)

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    )
    def get_refusal(self, item: PaymentBatchItem) -> dict[str, str] | None:
        """Why the payer would refuse this pending line now (its case closed, aid stopped…)."""
        line = getattr(item, "line", None)
        if item.result != ItemResult.PENDING or line is None or line.refusal is None:
            return None
        return {"code": line.refusal.code, "message": line.refusal.message}


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
