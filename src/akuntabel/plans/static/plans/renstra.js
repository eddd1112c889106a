// Validation as you type on the Renstra and RPJMD editors: a form marked data-periksa sends
// what is typed (after a pause) to that address, which checks it without saving and answers
// {"errors": {field: message}, "peringatan": {field: warning}}; the message (or, without one,
// the warning) appears at the field: an error once the user has touched it, a warning at
// once. The server checks again on save: this only tells earlier. No inline script (the CSP forbids it).
(function () {
  "use strict";
  var JEDA = 400;  // ms of quiet before checking
  function periksa(form) {
    var body = new FormData(form);
    fetch(form.getAttribute("data-periksa"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"X-Requested-With": "fetch"}
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) return;
      var touched = form._disentuh || {};
      form.querySelectorAll("[data-galat]").forEach(function (span) {
        var nama = span.getAttribute("data-galat");
        var saran = (data.peringatan || {})[nama] || "";
        if (!touched[nama] && !saran && !span.parentElement.classList.contains("ada-peringatan")) {
          return;  // an untouched field shows no error yet; a warning it may show anyway
        }
        var pesan = touched[nama] ? (data.errors[nama] || "") : "";
        span.textContent = pesan || saran;
        span.parentElement.classList.toggle("ada-galat", !!pesan);
        span.parentElement.classList.toggle("ada-peringatan", !pesan && !!saran);
        var field = form.querySelector("[name='" + nama + "']");
        if (field) {
          if (pesan) field.setAttribute("aria-invalid", "true");
          else field.removeAttribute("aria-invalid");
        }
      });
    }).catch(function () { /* the check on save still runs */ });
  }
  document.addEventListener("input", function (event) {
    var el = event.target;
    var form = el.form;
    if (!form || !form.hasAttribute("data-periksa") || !el.name) return;
    form._disentuh = form._disentuh || {};
    form._disentuh[el.name] = true;
    clearTimeout(form._timer);
    form._timer = setTimeout(function () { periksa(form); }, JEDA);
  });
})();
