// Focus after htmx swaps (WCAG 2.4.3). The server marks where focus belongs with `autofocus`
// (htmx focuses it as the new content settles); this is the safety net for every other swap:
// if the focused element was swapped away, focus goes to the newest message, else to <main>,
// never to <body>, where a keyboard or screen reader user would lose their place.
document.addEventListener("htmx:afterSettle", function () {
  var active = document.activeElement;
  if (active && active !== document.body && document.contains(active)) return;
  var message = document.querySelector("#messages .message");
  var target = message || document.getElementById("main");
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
});

// A form group the server refused (HX-Trigger-After-Settle "lor:invalid" {"group": id}): mark its
// fields invalid (the error is already tied to the group by aria-describedby) and move focus to
// the first one, as a page with an error summary would.
document.addEventListener("lor:invalid", function (event) {
  var group = document.getElementById(event.detail && event.detail.group);
  if (!group) return;
  group.setAttribute("aria-invalid", "true");
  var fields = group.querySelectorAll("input:not([type=hidden]):not([data-select-all])");
  fields.forEach(function (field) { field.setAttribute("aria-invalid", "true"); });
  if (fields.length) fields[0].focus();
});

// Inside Canvas' frame browsers ignore autofocus (a cross-origin subframe): the server marks the
// place with data-autofocus instead (accounts/middleware.py), and it is focused here.
document.addEventListener("DOMContentLoaded", function () {
  var target = document.querySelector("[data-autofocus]");
  if (target) target.focus();
});
