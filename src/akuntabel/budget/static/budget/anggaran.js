// The DPA tree: load the account lines of a sub kegiatan when it is opened (a link reloads the
// page with them when JavaScript is off), and open the branches that hold the linked row.
(function () {
  "use strict";
  function load(details) {
    var url = details.getAttribute("data-rincian");
    if (!url || details.getAttribute("data-loaded")) { return; }
    details.setAttribute("data-loaded", "1");
    var box = details.querySelector(":scope > .anak");
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () { details.removeAttribute("data-loaded"); });
  }
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    for (var p = el; p; p = p.parentElement) { if (p.tagName === "DETAILS") { p.open = true; } }
    if (el) { el.scrollIntoView(); }
  }
  document.addEventListener("toggle", function (e) {
    if (e.target.open && e.target.hasAttribute("data-rincian")) { load(e.target); }
  }, true);
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("details[open][data-rincian]").forEach(load);
    openTarget();
  });
  window.addEventListener("hashchange", openTarget);
})();
