"""Grants take over cap rules and grants from `assistance` (after treasury.0001: `Grant.fund`).

State only (docs/decisions/0008-grants-treasury-split.md): the tables were built by
`assistance` 0001–0002 and keep their names, columns, indexes and constraints.
"""

import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("registry", "0004_case_newest_index"),
        ("treasury", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CapRule",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "region_code",
                            models.CharField(
                                max_length=6,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^\\d{6}$",
                                        "The administrative division code must be 6 digits.",
                                        code="invalid_division",
                                    )
                                ],
                                verbose_name="administrative division code",
                            ),
                        ),
                        ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                        (
                            "aid_type",
                            models.CharField(
                                choices=[
                                    ("living", "Living aid"),
                                    ("medical", "Medical aid"),
                                    ("education", "Education aid"),
                                    ("temporary", "Temporary aid"),
                                    ("festival", "Festival visit"),
                                    ("accident", "Accident aid"),
                                    ("training", "Training aid"),
                                ],
                                max_length=16,
                                verbose_name="aid type",
                            ),
                        ),
                        ("version", models.PositiveSmallIntegerField(default=1, verbose_name="version")),
                        ("active", models.BooleanField(default=True, verbose_name="in force")),
                        (
                            "basis",
                            models.CharField(
                                choices=[("per_household", "Per household"), ("per_person", "Per person")],
                                max_length=16,
                                verbose_name="basis",
                            ),
                        ),
                        (
                            "yearly_cap",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=12,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(Decimal("0.01"))],
                                verbose_name="yearly cap",
                            ),
                        ),
                        (
                            "lifetime_cap",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=12,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(Decimal("0.01"))],
                                verbose_name="lifetime cap",
                            ),
                        ),
                        (
                            "category_caps",
                            models.JSONField(blank=True, default=dict, verbose_name="yearly cap by category"),
                        ),
                        (
                            "schooling_caps",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="yearly cap by school level"
                            ),
                        ),
                        (
                            "ratios",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="share of the base by category"
                            ),
                        ),
                        (
                            "allowed_categories",
                            models.JSONField(default=list, verbose_name="allowed categories"),
                        ),
                        (
                            "multiplicity",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="kinds a year by category"
                            ),
                        ),
                        (
                            "counts_as_kind",
                            models.BooleanField(default=True, verbose_name="counts as a kind of aid"),
                        ),
                        ("preset", models.CharField(blank=True, max_length=16, verbose_name="preset")),
                        ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
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
                            "policy",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="registry.policy",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "cap rule",
                        "verbose_name_plural": "cap rules",
                        "db_table": "assistance_caprule",
                        "ordering": ["region_code", "-year", "aid_type", "-version"],
                    },
                ),
                migrations.CreateModel(
                    name="Grant",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "aid_type",
                            models.CharField(
                                choices=[
                                    ("living", "Living aid"),
                                    ("medical", "Medical aid"),
                                    ("education", "Education aid"),
                                    ("temporary", "Temporary aid"),
                                    ("festival", "Festival visit"),
                                    ("accident", "Accident aid"),
                                    ("training", "Training aid"),
                                ],
                                max_length=16,
                                verbose_name="aid type",
                            ),
                        ),
                        (
                            "amount",
                            models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount"),
                        ),
                        (
                            "base_amount",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=12,
                                null=True,
                                verbose_name="self-paid share",
                            ),
                        ),
                        ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("proposed", "Proposed"),
                                    ("approved", "Approved"),
                                    ("rejected", "Rejected"),
                                    ("paid", "Paid"),
                                    ("failed", "Payment failed"),
                                ],
                                default="proposed",
                                max_length=16,
                                verbose_name="status",
                            ),
                        ),
                        ("category", models.CharField(blank=True, max_length=16, verbose_name="category")),
                        ("warnings", models.JSONField(blank=True, default=list, verbose_name="warnings")),
                        ("note", models.CharField(blank=True, max_length=200, verbose_name="purpose")),
                        ("proposed_at", models.DateTimeField(auto_now_add=True, verbose_name="proposed at")),
                        (
                            "decided_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                        ),
                        ("decision_note", models.TextField(blank=True, verbose_name="opinion")),
                        ("paid_on", models.DateField(blank=True, null=True, verbose_name="paid on")),
                        (
                            "bank_reference",
                            models.CharField(blank=True, max_length=64, verbose_name="bank reference"),
                        ),
                        ("failure_reason", models.TextField(blank=True, verbose_name="failure reason")),
                        ("income_month", models.DateField(blank=True, null=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "cap_rule",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="grants",
                                to="grants.caprule",
                            ),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="grants",
                                to="registry.case",
                            ),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "grant",
                        "verbose_name_plural": "grants",
                        "db_table": "assistance_grant",
                        "ordering": ["-proposed_at", "-id"],
                    },
                ),
                migrations.AddField(
                    model_name="grant",
                    name="fund",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="grants",
                        to="treasury.fund",
                        verbose_name="fund",
                    ),
                ),
                migrations.AddField(
                    model_name="grant",
                    name="income_person",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="registry.person",
                    ),
                ),
                migrations.AddField(
                    model_name="grant",
                    name="person",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="grants",
                        to="registry.person",
                    ),
                ),
                migrations.AddField(
                    model_name="grant",
                    name="proposed_by",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AddConstraint(
                    model_name="caprule",
                    constraint=models.UniqueConstraint(
                        fields=("region_code", "year", "aid_type", "version"),
                        name="assistance_cap_rule_version",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="caprule",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("active", True)),
                        fields=("region_code", "year", "aid_type"),
                        name="assistance_one_active_cap_rule",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="caprule",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("basis__in", ["per_household", "per_person"])),
                        name="assistance_cap_rule_basis_valid",
                    ),
                ),
                migrations.AddIndex(
                    model_name="grant",
                    index=models.Index(
                        fields=["status", "-proposed_at"], name="assistance__status_8f18d5_idx"
                    ),
                ),
                migrations.AddIndex(
                    model_name="grant",
                    index=models.Index(
                        fields=["case", "year", "aid_type"], name="assistance__case_id_6daa81_idx"
                    ),
                ),
                migrations.AddIndex(
                    model_name="grant",
                    index=models.Index(
                        fields=["person", "aid_type", "year"], name="assistance__person__666069_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="grant",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("amount__gt", 0)), name="assistance_grant_amount_positive"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="grant",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("status__in", ["proposed", "approved", "rejected", "paid", "failed"])
                        ),
                        name="assistance_grant_status_valid",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="grant",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("decided_by__isnull", True),
                            models.Q(("decided_by", models.F("proposed_by")), _negated=True),
                            _connector="OR",
                        ),
                        name="assistance_grant_not_decided_by_proposer",
                    ),
                ),
            ]
        )
    ]
