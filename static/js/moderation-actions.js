// The comment's actions panel: a saved reply or the booking's FAQ answer fills the answer field.
// The field's own "input" event then runs the language check, as if it had been typed.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-fill-reply]");
    if (!button) {
      return;
    }
    var field = document.getElementById("id_reply_text");
    var source = document.getElementById(button.getAttribute("data-fill-reply"));
    if (!field || !source) {
      return;
    }
    field.value = source.textContent;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
  });
})();
