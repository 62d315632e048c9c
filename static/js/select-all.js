// "Select all" checkboxes: <input type="checkbox" data-select-all="NAME"> toggles every
// checkbox named NAME in the same form. Hidden until this script runs, so it never
// shows without JavaScript; htmx swaps are covered by listening on the document.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input[data-select-all]")) return;
  var form = box.form || box.closest("form");
  if (!form) return;
  form.querySelectorAll('input[type=checkbox][name="' + box.dataset.selectAll + '"]').forEach(function (other) {
    other.checked = box.checked;
  });
});
function revealSelectAll() {
  document.querySelectorAll("[data-select-all-wrapper]").forEach(function (el) { el.hidden = false; });
}
document.addEventListener("DOMContentLoaded", revealSelectAll);
document.addEventListener("htmx:afterSettle", revealSelectAll);
