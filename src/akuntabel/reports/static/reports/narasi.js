// Live preview of a narrative section: the placeholders filled with the current values, as the
// report prints them. Without JavaScript the "Preview" button does the same on the server.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var form = document.getElementById("narasi-form");
    var box = document.getElementById("pratinjau");
    var data = document.getElementById("nilai-penanda");
    if (!form || !box || !data) { return; }
    var values = JSON.parse(data.textContent);
    var area = form.querySelector("textarea");
    var pattern = /\[\[\s*([a-z0-9_]+)\s*\]\]/g;
    function render() {
      while (box.firstChild) { box.removeChild(box.firstChild); }
      area.value.split(/\n\s*\n/).forEach(function (chunk) {
        if (!chunk.trim()) { return; }
        var p = document.createElement("p");
        var last = 0;
        chunk.trim().replace(pattern, function (match, name, offset, whole) {
          p.appendChild(document.createTextNode(whole.slice(last, offset)));
          if (Object.prototype.hasOwnProperty.call(values, name)) {
            p.appendChild(document.createTextNode(values[name]));
          } else {
            var span = document.createElement("span");
            span.className = "tidak-dikenal";
            span.textContent = "[[?" + name + "]]";
            p.appendChild(span);
          }
          last = offset + match.length;
          return match;
        });
        p.appendChild(document.createTextNode(chunk.trim().slice(last)));
        box.appendChild(p);
      });
    }
    var timer = null;
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, 150);
    });
  });
})();
