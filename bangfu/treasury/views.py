"""Finance pages: funds and their ledgers, payment batches (make, send to the bank, import the result,
cancel) and fund statements."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Perm
from bangfu.core import access, masking
from bangfu.core.errors import DomainError
from bangfu.core.pages import act, error_text
from bangfu.treasury import bankfile, forms, payables, selectors
from bangfu.treasury.bankfile import BankFileError
from bangfu.treasury.files import attachment
from bangfu.treasury.models import BatchStatus, FundSource, PaymentBatch
from bangfu.treasury.services import funds as fund_services
from bangfu.treasury.services import payments, statements


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    access.require(actor, Perm.ORG_VIEW)
    status = request.GET.get("status", "")
    page = Paginator(selectors.batch_list(actor=actor, status=status), 50).get_page(request.GET.get("page"))
    context = {
        "page": page, "status": status, "statuses": BatchStatus.choices,
        "may_pay": access.can(actor, Perm.PAYMENT_MANAGE),
    }  # fmt: skip
    return render(request, "treasury/batch_list.html", context)


@login_required
def batch_create(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    access.require(actor, Perm.PAYMENT_MANAGE)
    fund = request.GET.get("fund", "")
    if request.method == "POST":
        ids = [int(value) for value in request.POST.getlist("grants") if value.isdigit()]
        if not ids:
            messages.error(request, _("Choose at least one grant."))
        else:
            try:
                batch = payments.batch_create(actor=actor, grant_ids=ids, note=request.POST.get("note", ""))
            except BankFileError as error:
                for problem in error.problems:
                    messages.error(request, problem.message)
            except (ValidationError, DomainError) as error:
                messages.error(request, error_text(error))
            else:
                messages.success(
                    request, _("Payment batch %(number)s was created.") % {"number": batch.number}
                )
                return redirect("assistance:batch_detail", pk=batch.pk)
    lines = payables.payer().candidates(actor, int(fund) if fund.isdigit() else None)[:500]
    context = {"lines": lines, "funds": selectors.fund_list(actor=actor), "fund": fund}
    return render(request, "treasury/batch_create.html", context)


def _detail(request: HttpRequest, batch: PaymentBatch, problems: list[str] | None = None) -> HttpResponse:
    actor = access.actor(request)
    items = list(selectors.batch_items(batch))
    for item in items:
        item.shown_account = masking.show(actor, item.account, masking.BANK_ACCOUNT)  # type: ignore[attr-defined]  # a display attribute set on the row for the template
    context = {
        "batch": batch, "items": items, "problems": problems or [], "may_pay": access.can(actor, Perm.PAYMENT_MANAGE),
        "exportable": batch.status in (BatchStatus.DRAFT, BatchStatus.EXPORTED),
        "cancellable": batch.status in (BatchStatus.DRAFT, BatchStatus.EXPORTED) and batch.pending_count == batch.item_count,
    }  # fmt: skip
    return render(request, "treasury/batch_detail.html", context, status=400 if problems else 200)


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    batch = selectors.batch_detail(actor=actor, pk=pk)
    access.require(actor, Perm.ORG_VIEW)
    return _detail(request, batch)


@login_required
@require_POST
def batch_export(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    actor = access.actor(request)
    batch = selectors.batch_detail(actor=actor, pk=pk)
    if file_format not in statements.FORMATS:
        raise Http404(_("Not found."))
    try:
        batch, items = payments.batch_export(actor=actor, batch=batch, file_format=file_format)
    except BankFileError as error:
        return _detail(request, batch, [problem.message for problem in error.problems])
    except DomainError as error:
        messages.error(request, error_text(error))
        return redirect("assistance:batch_detail", pk=batch.pk)
    content = bankfile.xlsx_bytes(batch, items) if file_format == "xlsx" else bankfile.csv_bytes(batch, items)
    return attachment(content, f"{batch.number}.{file_format}", file_format)


@login_required
@require_POST
def batch_result(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    batch = selectors.batch_detail(actor=actor, pk=pk)
    access.require(actor, Perm.PAYMENT_MANAGE)
    upload = request.FILES.get("file")
    if upload is None:
        return _detail(request, batch, [_("Choose the bank's result file.")])
    try:
        outcome = payments.batch_import_result(
            actor=actor, batch=batch, stream=upload, file_name=upload.name or ""
        )
    except BankFileError as error:
        messages.error(request, _("The file was refused; nothing was changed."))
        return _detail(request, batch, [problem.message for problem in error.problems])
    except DomainError as error:
        return _detail(request, batch, [error_text(error)])
    text = _("The bank's result was recorded: %(paid)s paid, %(failed)s failed.")
    messages.success(request, text % {"paid": outcome.paid, "failed": outcome.failed})
    return redirect("assistance:batch_detail", pk=batch.pk)


@login_required
@require_POST
def batch_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    batch = selectors.batch_detail(actor=actor, pk=pk)
    reason = request.POST.get("reason", "")
    act(
        request,
        lambda: payments.batch_cancel(actor=actor, batch=batch, reason=reason),
        _("The batch was cancelled."),
    )
    return redirect("assistance:batch_detail", pk=batch.pk)


@login_required
def fund_statement(request: HttpRequest, pk: int) -> HttpResponse:
    """The statement page with its period form; `format=xlsx|csv` downloads it (audited)."""
    actor = access.actor(request)
    fund = selectors.fund_detail(actor=actor, pk=pk)
    access.require(actor, Perm.ORG_VIEW)
    raw = {"from": request.GET.get("from", ""), "to": request.GET.get("to", "")}
    try:
        date_from, date_to = statements.statement_period(raw["from"], raw["to"])
    except ValidationError as error:
        messages.error(request, error_text(error))
        date_from, date_to = statements.statement_period(None, None)
    file_format = request.GET.get("format", "")
    if file_format in statements.FORMATS:
        content, filename = statements.statement_export(
            actor=actor, fund=fund, date_from=date_from, date_to=date_to, file_format=file_format
        )
        return attachment(content, filename, file_format)
    statement = selectors.fund_statement(fund, date_from=date_from, date_to=date_to)
    query = f"from={date_from.isoformat()}&to={date_to.isoformat()}"
    return render(
        request, "treasury/fund_statement.html", {"statement": statement, "fund": fund, "query": query}
    )


@login_required
def fund_list(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    access.require(actor, Perm.ORG_VIEW)
    may_manage = access.can(actor, Perm.FUND_MANAGE)
    form = forms.FundForm(request.POST or None) if may_manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        # An unknown code or one outside the subtree is refused, never read as the user's own.
        org = access.scope(actor, Organisation.objects.filter(code=data["org"].strip())).first()
        if org is None:
            form.add_error("org", _("No organisation in your scope has this code."))
        else:
            try:
                fund = fund_services.fund_create(
                    actor=actor, org=org, name=data["name"], source=data["source"]
                )
            except (ValidationError, DomainError) as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, _("The fund was created."))
                return redirect("assistance:fund_detail", pk=fund.pk)
    params = {name: request.GET.get(name, "") for name in ("org", "source")}
    rows = selectors.fund_list(actor=actor, **params)
    context = {"funds": rows, "form": form, "params": params, "sources": FundSource.choices}
    return render(request, "treasury/fund_list.html", context)


@login_required
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    fund = selectors.fund_detail(actor=actor, pk=pk)
    access.require(actor, Perm.ORG_VIEW)
    page = Paginator(selectors.fund_entries(fund), 50).get_page(request.GET.get("page"))
    may_manage = access.can(actor, Perm.FUND_MANAGE)
    context = {"fund": fund, "page": page, "receipt_form": forms.ReceiptForm() if may_manage else None}
    return render(request, "treasury/fund_detail.html", context)


@login_required
@require_POST
def fund_receive(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    fund = selectors.fund_detail(actor=actor, pk=pk)
    access.require(actor, Perm.FUND_MANAGE)
    form = forms.ReceiptForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("assistance:fund_detail", pk=fund.pk)
    data = form.cleaned_data
    act(
        request,
        lambda: fund_services.fund_receive(actor=actor, fund=fund, **data),
        _("The receipt was recorded."),
    )
    return redirect("assistance:fund_detail", pk=fund.pk)
