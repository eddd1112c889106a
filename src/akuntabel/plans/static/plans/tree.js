/* Search as you type for the program tree's "add by code" fields: each input with a
   data-cari URL gets a datalist filled from the picker endpoint (codes and names of the
   Renstra's code list). Without script the page's own search form does the same. */
(function () {
  "use strict";
  var seq = 0;
  function attach(input) {
    var list = document.createElement("datalist");
    list.id = "cari-daftar-" + (++seq);
    input.setAttribute("list", list.id);
    input.after(list);
    var timer = null, last = null;
    function search(q) {
      if (q === last) { return; }
      last = q;
      fetch(input.dataset.cari + "&q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : {hasil: []}; })
        .then(function (data) {
          list.replaceChildren();
          data.hasil.forEach(function (h) {
            var option = document.createElement("option");
            option.value = h.kode;
            option.label = h.kode + " " + h.nama;
            option.textContent = h.kode + " " + h.nama;
            list.append(option);
          });
        })
        .catch(function () { /* the search form still works */ });
    }
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () { search(q); }, 200);
    });
    // Under a parent, the list of its children is offered as soon as the field is entered.
    input.addEventListener("focus", function () {
      if (input.dataset.cari.indexOf("induk=") !== -1 && !input.value.trim()) { search(""); }
    });
  }
  // A search result's "use" link fills the add form of its level here, without a reload
  // (without script the link reloads the page with that form filled).
  function pakai(event) {
    var link = event.target.closest("a[data-pakai]");
    if (!link) { return; }
    var form = document.getElementById(link.dataset.form);
    var input = form && form.querySelector("input[name=kode]");
    if (!input) { return; }
    event.preventDefault();
    var node = form.closest("details");
    while (node) { node.open = true; node = node.parentElement.closest("details"); }
    input.value = link.dataset.pakai;
    form.scrollIntoView({block: "center"});
    input.focus();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-cari]").forEach(attach);
    document.addEventListener("click", pakai);
  });
})();
