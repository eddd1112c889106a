// The plan page without JavaScript is complete (every node is a <details>); this adds
// "expand all / collapse all" and opens the ancestors of a node linked to by #node-….
(function () {
  "use strict";
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    el.scrollIntoView();
  }
  document.addEventListener("DOMContentLoaded", function () {
    var tools = document.querySelector(".plan-alat");
    if (tools) {
      tools.hidden = false;
      tools.addEventListener("click", function (ev) {
        var action = ev.target.getAttribute("data-plan");
        if (!action) return;
        document.querySelectorAll(".plan-tree details").forEach(function (d) {
          d.open = action === "buka";
        });
      });
    }
    openTarget();
  });
  window.addEventListener("hashchange", openTarget);
})();
