(function () {
  var table = document.getElementById("requests");
  if (!table) return;
  var body = table.tBodies[0];
  function key(cell, kind) {
    var v = cell.getAttribute("data-sort");
    if (v === null) v = cell.textContent;
    if (v === "") return null;
    if (kind === "int") { var n = parseFloat(v); return isNaN(n) ? null : n; }
    var f = Number(v);
    return (kind === "text" && v.trim() !== "" && !isNaN(f)) ? f : v.toLowerCase();
  }
  function sortBy(th, index) {
    var kind = th.getAttribute("data-kind") || "text";
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows).map(function (r, i) {
      return { row: r, k: key(r.cells[index], kind), i: i };
    });
    rows.sort(function (a, b) {
      if (a.k === null && b.k === null) return a.i - b.i;
      if (a.k === null) return 1;            /* blanks last, either way */
      if (b.k === null) return -1;
      var c;
      if (typeof a.k === "number" && typeof b.k === "number") c = a.k - b.k;
      else c = String(a.k).localeCompare(String(b.k), undefined, { numeric: true });
      return (asc ? c : -c) || a.i - b.i;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (x) { frag.appendChild(x.row); });
    body.appendChild(frag);
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    var b = th.querySelector("button");
    if (b) b.addEventListener("click", function () { sortBy(th, index); });
  });
})();
