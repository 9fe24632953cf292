// KAM CRM's own behaviour, loaded from this origin: the Content-Security-Policy allows no
// inline script, so pages mark elements with data attributes instead of onclick/onchange.
(function () {
  "use strict";
  // <select data-autosubmit>: submit its form when the choice changes (language switcher).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("[data-autosubmit]") && target.form) {
      target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
    }
  });
})();
