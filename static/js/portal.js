// Small behaviours of the portal's own. No inline scripts anywhere: the CSP forbids them.
document.addEventListener("htmx:afterSwap", function (event) {
  // After an htmx swap, move focus to an element the fragment asks for, so keyboard and screen
  // reader users land where the change happened. htmx fires this event on each new element; the
  // old target (event.detail.target) is already gone after an outerHTML swap.
  var el = event.target;
  if (!el || !el.querySelector) { return; }
  var target = el.matches("[data-focus-after-swap]") ? el : el.querySelector("[data-focus-after-swap]");
  if (target) { target.focus(); }
});
document.addEventListener("htmx:responseError", function (event) {
  var box = document.getElementById("messages");
  if (!box) { return; }
  var div = document.createElement("div");
  div.className = "alert alert-danger";
  div.setAttribute("role", "alert");
  div.textContent = event.detail.xhr.status === 403
    ? (document.documentElement.lang === "sv" ? "Du har inte behörighet att göra detta." : "You are not allowed to do this.")
    : (document.documentElement.lang === "sv" ? "Något gick fel. Försök igen." : "Something went wrong. Please try again.");
  box.appendChild(div);
});
