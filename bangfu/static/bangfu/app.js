// Small progressive enhancements; every page works without them.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit")) {
    target.form.submit();
  }
});

// Below the phone breakpoint a list table is drawn as cards (app.css, "Lists as cards"): each
// cell carries its column's heading so that a card reads "金额 300.00". Cells holding a form or
// a button are the card's actions and take the full width.
function labelTables(root) {
  const wrap = root.closest ? root.closest(".table-wrap") : null; // htmx may swap a part of a table
  const tables = wrap ? wrap.querySelectorAll("table") : root.querySelectorAll(".table-wrap table");
  tables.forEach((table) => {
    const headings = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
    table.querySelectorAll("tbody tr").forEach((row) => {
      let column = 0;
      Array.from(row.cells).forEach((cell) => {
        if (cell.colSpan > 1) {
          cell.classList.add("card-whole");
        } else if (headings[column] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", headings[column]);
        }
        if (cell.querySelector("form, button, details, input[type=checkbox]")) cell.classList.add("card-actions");
        column += cell.colSpan;
      });
    });
    table.classList.add("cards");
  });
}
labelTables(document);
document.addEventListener("htmx:load", (event) => labelTables(event.target));
