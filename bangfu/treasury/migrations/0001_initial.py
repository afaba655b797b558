"""Treasury takes over funds, fund entries and payment batches from `assistance`, without the
`grant` links (added in 0002, after grants.0001).

State only (docs/decisions/0008-grants-treasury-split.md): the tables were built by
`assistance` 0001–0002 and keep their names, columns, indexes and constraints.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0002_user_id_number"),
        ("assistance", "0003_idempotency_to_core"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Fund",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=120, verbose_name="name")),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("central_special", "Central special fund"),
                                    ("provincial_special", "Provincial special fund"),
                                    ("union", "Union fund"),
                                    ("donation", "Donations (charity one-day donation)"),
                                    ("social_donation", "Social donations"),
                                ],
                                max_length=24,
                                verbose_name="source",
                            ),
                        ),
                        (
                            "balance",
                            models.DecimalField(
                                decimal_places=2, default=0, max_digits=12, verbose_name="available balance"
                            ),
                        ),
                        (
                            "committed",
                            models.DecimalField(
                                decimal_places=2,
                                default=0,
                                max_digits=12,
                                verbose_name="committed to approved grants",
                            ),
                        ),
                        ("is_active", models.BooleanField(default=True, verbose_name="active")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "org",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="funds",
                                to="accounts.organisation",
                                verbose_name="organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "fund",
                        "verbose_name_plural": "funds",
                        "db_table": "assistance_fund",
                        "ordering": ["org__path", "source", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="FundEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("receipt", "Receipt"),
                                    ("commitment", "Grant approved (committed)"),
                                    ("release", "Commitment released"),
                                    ("payment", "Grant paid"),
                                    ("reversal", "Reversal"),
                                ],
                                max_length=16,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "amount",
                            models.DecimalField(
                                decimal_places=2, max_digits=12, verbose_name="change to the balance"
                            ),
                        ),
                        (
                            "committed_change",
                            models.DecimalField(
                                decimal_places=2,
                                default=0,
                                max_digits=12,
                                verbose_name="change to the committed amount",
                            ),
                        ),
                        (
                            "balance_after",
                            models.DecimalField(
                                decimal_places=2, max_digits=12, verbose_name="balance after"
                            ),
                        ),
                        (
                            "committed_after",
                            models.DecimalField(
                                decimal_places=2, max_digits=12, verbose_name="committed after"
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
                        ("occurred_on", models.DateField(verbose_name="date")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "fund",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="entries",
                                to="treasury.fund",
                            ),
                        ),
                        (
                            "reverses",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="reversals",
                                to="treasury.fundentry",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "fund entry",
                        "verbose_name_plural": "fund entries",
                        "db_table": "assistance_fundentry",
                        "ordering": ["-id"],
                    },
                ),
                migrations.CreateModel(
                    name="PaymentBatch",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "number",
                            models.CharField(
                                blank=True, max_length=32, null=True, unique=True, verbose_name="batch number"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("draft", "Draft"),
                                    ("exported", "Sent to the bank"),
                                    ("settled", "Settled"),
                                    ("cancelled", "Cancelled"),
                                ],
                                default="draft",
                                max_length=16,
                                verbose_name="status",
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
                        ("item_count", models.PositiveIntegerField(default=0, verbose_name="grants")),
                        (
                            "total_amount",
                            models.DecimalField(
                                decimal_places=2, default=0, max_digits=12, verbose_name="total"
                            ),
                        ),
                        ("paid_count", models.PositiveIntegerField(default=0, verbose_name="paid")),
                        (
                            "paid_amount",
                            models.DecimalField(
                                decimal_places=2, default=0, max_digits=12, verbose_name="amount paid"
                            ),
                        ),
                        ("failed_count", models.PositiveIntegerField(default=0, verbose_name="failed")),
                        (
                            "failed_amount",
                            models.DecimalField(
                                decimal_places=2, default=0, max_digits=12, verbose_name="amount failed"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        (
                            "exported_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="sent to the bank at"),
                        ),
                        (
                            "settled_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="settled at"),
                        ),
                        (
                            "cancelled_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="cancelled at"),
                        ),
                        (
                            "cancel_reason",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="reason for cancelling"
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "fund",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="treasury.fund",
                                verbose_name="fund",
                            ),
                        ),
                        (
                            "org",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="payment_batches",
                                to="accounts.organisation",
                                verbose_name="organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "payment batch",
                        "verbose_name_plural": "payment batches",
                        "db_table": "assistance_paymentbatch",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="PaymentBatchItem",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("live", models.BooleanField(default=True)),
                        (
                            "amount",
                            models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount"),
                        ),
                        ("account", models.CharField(max_length=40, verbose_name="bank account")),
                        ("account_name", models.CharField(max_length=60, verbose_name="account holder")),
                        ("bank_name", models.CharField(blank=True, max_length=60, verbose_name="bank")),
                        (
                            "result",
                            models.CharField(
                                choices=[
                                    ("pending", "Waiting for the bank"),
                                    ("paid", "Paid"),
                                    ("failed", "Failed"),
                                ],
                                default="pending",
                                max_length=16,
                                verbose_name="result",
                            ),
                        ),
                        (
                            "bank_reference",
                            models.CharField(blank=True, max_length=64, verbose_name="bank reference"),
                        ),
                        (
                            "failure_reason",
                            models.CharField(blank=True, max_length=200, verbose_name="failure reason"),
                        ),
                        ("paid_on", models.DateField(blank=True, null=True, verbose_name="paid on")),
                        (
                            "result_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="result recorded at"),
                        ),
                        (
                            "batch",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="items",
                                to="treasury.paymentbatch",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "payment batch item",
                        "verbose_name_plural": "payment batch items",
                        "db_table": "assistance_paymentbatchitem",
                        "ordering": ["batch", "grant_id"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="fund",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("balance__gte", 0)), name="assistance_fund_balance_not_negative"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="fund",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("committed__gte", 0)),
                        name="assistance_fund_committed_not_negative",
                    ),
                ),
                migrations.AddIndex(
                    model_name="fundentry",
                    index=models.Index(fields=["fund", "occurred_on"], name="assistance__fund_id_089af6_idx"),
                ),
                migrations.AddConstraint(
                    model_name="fundentry",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("balance_after__gte", 0), ("committed_after__gte", 0)),
                        name="assistance_fund_entry_not_negative",
                    ),
                ),
                migrations.AddIndex(
                    model_name="paymentbatch",
                    index=models.Index(
                        fields=["status", "-created_at"], name="assistance__status_e2c766_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="paymentbatch",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("status__in", ["draft", "exported", "settled", "cancelled"])),
                        name="assistance_batch_status_valid",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="paymentbatchitem",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("amount__gt", 0)), name="assistance_batch_item_amount_positive"
                    ),
                ),
            ]
        )
    ]
