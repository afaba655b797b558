"""The ledger import engine: `import_households()` (docs/ledger-format.md has the whole story).

How a ledger maps onto the registry, in short:

- Person by 身份证号 (birth date and sex from the ID); household matched by its head's ID; the
  file lists the whole household (members missing from it leave the household).
- 月收入 → one Income per member for the *ledger month* (the month before the import), source
  `wage` for 在岗/灵活就业/农民工 and `other` otherwise; unchanged when equal to the member's latest
  month on file.
- 刚性支出 → one RigidExpense per household, note 台账导入, kind `education` when the main cause is
  9 and `medical` otherwise, dated the first day of the ledger month.
- 家庭年收入 → kept on the open case (`assessment["annual_income"]`), with per_capita_income =
  (家庭年收入 − 刚性支出) ÷ 12 ÷ household size.
- 困难类别 + 建档级别 → an open case, channel `import`, with a CaseEvent `import`; a re-import keeps
  the active case and updates an open one in place.

The engine: a first pass over the file (scan.py) finds repeated IDs and scattered households;
households.py groups rows into households and batches; a thread parses one batch ahead
(validate.py, pure); batch.py checks each batch against the database and writes it with COPY
(PostgreSQL) or executemany (SQLite) through db.py and rows.py, updating matched households
through update.py; engine.py holds the transactions, the job record and the error file.
"""

from bangfu.ledger.importer.engine import (
    BATCH_SIZE,
    ImportResult,
    check_importer,
    import_households,
    ledger_month,
)

__all__ = ["BATCH_SIZE", "ImportResult", "check_importer", "import_households", "ledger_month"]
