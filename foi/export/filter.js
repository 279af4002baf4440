(function () {
  /* Filter the rows of table#requests by the findings chosen in select[data-filter]:
     a row carries data-fN="value" (no attribute: not recorded). */
  var table = document.getElementById("requests");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var status = document.getElementById("shown");
  if (!table || !selects.length) return;
  function apply() {
    var rows = table.tBodies[0].rows, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var ok = selects.every(function (s) {
        if (s.value === "") return true;
        var v = row.getAttribute("data-" + s.getAttribute("data-filter"));
        return s.value === "__none__" ? v === null : v === s.value;
      });
      row.hidden = !ok;
      if (ok) shown++;
    }
    if (status) {
      var noun = status.getAttribute("data-noun");
      status.textContent = shown === rows.length ? "Showing all " + rows.length + " " + noun
        : "Showing " + shown + " of " + rows.length + " " + noun;
    }
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  apply();
})();
