// "Select all" checkboxes: <input type="checkbox" data-select-all="NAME"> toggles every
// checkbox named NAME of the same form (those inside it, and those tied to it by form="…").
// Hidden until this script runs, so it never shows without JavaScript; htmx swaps are covered
// by listening on the document.
function selectAllFor(box) {
  // The "select all" box of the form a checkbox belongs to, if it has one for that name.
  var form = box.form;
  if (!form) return null;
  return Array.prototype.find.call(form.elements, function (el) {
    return el.matches && el.matches("input[data-select-all]") && el.dataset.selectAll === box.name;
  }) || null;
}
document.addEventListener("change", function (event) {
  var box = event.target;
  var all = box.matches && !box.matches("input[data-select-all]") && box.type === "checkbox" ? selectAllFor(box) : null;
  if (all) {  // one box changed by hand: "select all" says whether every one is checked now
    all.checked = Array.prototype.every.call(all.form.elements, function (el) {
      return el.type !== "checkbox" || el.name !== box.name || el.checked;
    });
    return;
  }
  if (!box.matches || !box.matches("input[data-select-all]")) return;
  var form = box.form || box.closest("form");
  if (!form) return;
  Array.prototype.forEach.call(form.elements, function (other) {
    if (other.type === "checkbox" && other.name === box.dataset.selectAll) other.checked = box.checked;
  });
});
function revealSelectAll() {
  document.querySelectorAll("[data-select-all-wrapper]").forEach(function (el) { el.hidden = false; });
  // After "Load more": new rows arrive unchecked, so "select all" is no longer true of them.
  document.querySelectorAll("input[data-select-all]").forEach(function (all) {
    if (!all.form) return;
    all.checked = all.checked && Array.prototype.every.call(all.form.elements, function (el) {
      return el.type !== "checkbox" || el.name !== all.dataset.selectAll || el.checked;
    });
  });
}
document.addEventListener("DOMContentLoaded", revealSelectAll);
document.addEventListener("htmx:afterSettle", revealSelectAll);
