// The realisasi grid, keyboard friendly. The form works without this file.
// Enter or ArrowDown: same column, next row; ArrowUp: previous row. A changed cell is marked.
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("realisasi-grid");
    if (!form) { return; }
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-col]"));
    function column(input) {
      return inputs.filter(function (i) { return i.dataset.col === input.dataset.col; });
    }
    function mark(input) {
      input.classList.toggle("berubah", input.value !== input.dataset.awal);
    }
    inputs.forEach(function (input) {
      mark(input);
      input.addEventListener("input", function () { mark(input); });
      input.addEventListener("keydown", function (event) {
        var step = 0;
        if (event.key === "Enter" || event.key === "ArrowDown") { step = 1; }
        else if (event.key === "ArrowUp") { step = -1; }
        if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
        var col = column(input);
        var next = col[col.indexOf(input) + step];
        event.preventDefault();  // Enter does not submit: the Save button does
        if (next) { next.focus(); next.select(); }
      });
    });
    form.addEventListener("submit", function () {
      inputs.forEach(function (i) { i.classList.remove("berubah"); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else { init(); }
})();
