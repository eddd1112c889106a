// Zoom and pan of the performance tree drawn on the server. Without JavaScript the drawing
// is complete and scrolls in its frame; with it, the frame fits the whole tree, the wheel and
// the buttons zoom, dragging moves, and a finding in the list beside shows its node.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var kanvas = document.querySelector(".pohon-kanvas");
    var svg = kanvas && kanvas.querySelector("svg");
    if (!svg) return;
    var asli = svg.getAttribute("viewBox").split(" ").map(Number);
    var vb = asli.slice();
    function terapkan() { svg.setAttribute("viewBox", vb.join(" ")); }
    function zoom(faktor, cx, cy) {
      var w = vb[2] * faktor, h = vb[3] * faktor;
      if (w < 200 || w > Math.max(asli[2], asli[3]) * 4) return;
      vb = [cx - (cx - vb[0]) * faktor, cy - (cy - vb[1]) * faktor, w, h];
      terapkan();
    }
    function titik(ev) {
      var r = svg.getBoundingClientRect();
      var s = Math.max(vb[2] / r.width, vb[3] / r.height);
      var ox = (r.width * s - vb[2]) / 2, oy = (r.height * s - vb[3]) / 2;
      return [vb[0] - ox + (ev.clientX - r.left) * s, vb[1] - oy + (ev.clientY - r.top) * s, s];
    }
    kanvas.classList.add("pohon-aktif");
    // The frame is no taller than the drawing; it opens on the top of the tree at its own size
    // (readable), and "whole tree" shows all of it.
    kanvas.style.height = Math.min(window.innerHeight * 0.75, asli[3]) + "px";
    var bingkai = kanvas.getBoundingClientRect();
    var awalVb = [asli[0], asli[1], Math.max(bingkai.width, 200), Math.max(bingkai.height, 150)];
    vb = awalVb.slice();
    terapkan();
    var alat = document.querySelector(".pohon-alat");
    if (alat) {
      alat.hidden = false;
      alat.addEventListener("click", function (ev) {
        var aksi = ev.target.getAttribute("data-pohon");
        var cx = vb[0] + vb[2] / 2, cy = vb[1] + vb[3] / 2;
        if (aksi === "perbesar") zoom(0.8, cx, cy);
        else if (aksi === "perkecil") zoom(1.25, cx, cy);
        else if (aksi === "reset") { vb = asli.slice(); terapkan(); }
        else if (aksi === "awal") { vb = awalVb.slice(); terapkan(); }
      });
    }
    kanvas.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = titik(ev);
      zoom(ev.deltaY < 0 ? 0.85 : 1 / 0.85, p[0], p[1]);
    }, { passive: false });
    var awal = null;
    kanvas.addEventListener("pointerdown", function (ev) {
      if (ev.target.closest("a")) return;
      awal = [ev.clientX, ev.clientY, vb[0], vb[1], titik(ev)[2]];
      kanvas.classList.add("pohon-geser");
      kanvas.setPointerCapture(ev.pointerId);
    });
    kanvas.addEventListener("pointermove", function (ev) {
      if (!awal) return;
      vb[0] = awal[2] - (ev.clientX - awal[0]) * awal[4];
      vb[1] = awal[3] - (ev.clientY - awal[1]) * awal[4];
      terapkan();
    });
    function lepas() { awal = null; kanvas.classList.remove("pohon-geser"); }
    kanvas.addEventListener("pointerup", lepas);
    kanvas.addEventListener("pointercancel", lepas);
    document.querySelectorAll("[data-simpul]").forEach(function (a) {
      a.addEventListener("click", function (ev) {
        var g = document.getElementById(a.getAttribute("data-simpul"));
        var kotak = g && g.querySelector("rect");
        if (!kotak) return;
        ev.preventDefault();
        document.querySelectorAll(".pohon-sorot").forEach(function (s) {
          s.classList.remove("pohon-sorot");
        });
        g.classList.add("pohon-sorot");
        var x = Number(kotak.getAttribute("x")), y = Number(kotak.getAttribute("y"));
        vb = [x - 400, y - 200, 1040, 640];
        terapkan();
        kanvas.scrollIntoView({ block: "nearest" });
      });
    });
  });
})();
