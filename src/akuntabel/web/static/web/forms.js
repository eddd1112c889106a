// Forms marked data-sekali submit once: their buttons are disabled on submit and the form
// says what is happening (a slow action, such as making a final document, is not sent twice).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute || !form.hasAttribute("data-sekali")) return;
  if (form.dataset.terkirim) { event.preventDefault(); return; }
  form.dataset.terkirim = "1";
  form.querySelectorAll("button, input[type=submit]").forEach(function (b) {
    setTimeout(function () { b.disabled = true; }, 0);  // after the browser read the button
  });
  var note = document.createElement("span");
  note.className = "note";
  note.setAttribute("role", "status");
  note.textContent = " " + form.getAttribute("data-sekali");
  form.appendChild(note);
});
// A select marked data-kirim-saat-berubah (the language menu) sends its form when changed: a
// listener here, since the Content-Security-Policy runs no inline handler (onchange=…).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.hasAttribute && el.hasAttribute("data-kirim-saat-berubah") && el.form) { el.form.submit(); }
});
