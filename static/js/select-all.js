// "Select all" checkboxes: <input type="checkbox" data-select-all="NAME"> toggles every
// checkbox named NAME of the same form (those inside it, and those tied to it by form="…").
// Hidden until this script runs, so it never shows without JavaScript; htmx swaps are covered
// by listening on the document.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input[data-select-all]")) return;
  var form = box.form || box.closest("form");
  if (!form) return;
  Array.prototype.forEach.call(form.elements, function (other) {
    if (other.type === "checkbox" && other.name === box.dataset.selectAll) other.checked = box.checked;
  });
});
function revealSelectAll() {
  document.querySelectorAll("[data-select-all-wrapper]").forEach(function (el) { el.hidden = false; });
}
document.addEventListener("DOMContentLoaded", revealSelectAll);
document.addEventListener("htmx:afterSettle", revealSelectAll);
