// kg graph page: draws the precomputed layout, then handles zoom, search, filters and the fact panel.
// Positions come from Python (a seeded spring layout), so nothing moves unless the reader pans or zooms.
// The page loads nothing: all data is in the #kg-data script element.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("graph");
  var viewport = document.getElementById("viewport");
  var edgesG = document.getElementById("edges");
  var nodesG = document.getElementById("nodes");
  var labelsG = document.getElementById("labels");
  var details = document.getElementById("details");
  var search = document.getElementById("search");
  var results = document.getElementById("results");

  var byId = new Map();
  var classes = new Map();
  var sources = new Map();
  var outgoing = new Map();
  var incoming = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); outgoing.set(n.id, []); incoming.set(n.id, []); });
  data.classes.forEach(function (c) { classes.set(c.id, c); });
  data.sources.forEach(function (s) { sources.set(s.id, s); });
  data.edges.forEach(function (e) { outgoing.get(e.s).push(e); incoming.get(e.t).push(e); });

  var view = { x: 0, y: 0, k: 1 };
  var selected = null;
  var matches = new Set();
  var hiddenClasses = new Set();
  var hiddenSources = new Set();

  function el(name, attrs, text) {
    var node = document.createElementNS(SVGNS, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function html(name, attrs, text) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- drawing -------------------------------------------------------------------------
  data.edges.forEach(function (e) {
    var a = byId.get(e.s), b = byId.get(e.t);
    e.el = el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, "vector-effect": "non-scaling-stroke" });
    e.el.appendChild(el("title", {}, a.label + " \u2192 " + e.labels.join(", ") + " \u2192 " + b.label));
    edgesG.appendChild(e.el);
  });
  data.nodes.forEach(function (n) {
    var c = el("circle", { cx: n.x, cy: n.y, r: n.r, fill: classes.get(n.cls).colour, "class": "node",
                           "data-id": n.id, "vector-effect": "non-scaling-stroke" });
    c.appendChild(el("title", {}, n.label + " (" + classes.get(n.cls).label + ")"));
    c.addEventListener("click", function (ev) { ev.stopPropagation(); if (!moved) select(n.id, false); });
    nodesG.appendChild(c);
    n.el = c;
  });

  function visible(n) {
    if (hiddenClasses.has(n.cls)) return false;
    if (n.sources.length === 0) return !hiddenSources.has("");
    return n.sources.some(function (s) { return !hiddenSources.has(s); });
  }

  function neighbours(id) {
    var found = new Set();
    outgoing.get(id).forEach(function (e) { found.add(e.t); });
    incoming.get(id).forEach(function (e) { found.add(e.s); });
    return found;
  }

  function refresh() {
    var near = selected ? neighbours(selected) : null;
    var shown = 0;
    data.nodes.forEach(function (n) {
      var on = visible(n);
      if (on) shown += 1;
      n.el.classList.toggle("hidden", !on);
      n.el.classList.toggle("selected", n.id === selected);
      n.el.classList.toggle("match", matches.has(n.id));
      n.el.classList.toggle("faded", !!near && n.id !== selected && !near.has(n.id));
    });
    data.edges.forEach(function (e) {
      var on = visible(byId.get(e.s)) && visible(byId.get(e.t));
      var lit = !!selected && (e.s === selected || e.t === selected);
      e.el.classList.toggle("hidden", !on);
      e.el.classList.toggle("lit", lit);
      e.el.classList.toggle("faded", !!selected && !lit);
    });
    document.getElementById("showing").textContent = shown === data.nodes.length
      ? "all " + shown + " entities shown" : shown + " of " + data.nodes.length + " entities shown";
    placeLabels();
  }

  // --- labels: placed on screen after every change, most connected first, never overlapping ------
  var measurer = document.createElement("canvas").getContext("2d");
  measurer.font = "12px \"DejaVu Sans\", Verdana, Arial, sans-serif";
  var widths = new Map();
  function width(text) {
    if (!widths.has(text)) widths.set(text, measurer.measureText(text).width);
    return widths.get(text);
  }
  function shorten(text, limit) {
    if (text.length <= limit) return text;
    var cut = text.slice(0, limit - 1);
    var space = cut.lastIndexOf(" ");
    return (space > limit / 2 ? cut.slice(0, space) : cut).replace(/[ ,;:-]+$/, "") + "\u2026";
  }

  function placeLabels() {
    while (labelsG.firstChild) labelsG.removeChild(labelsG.firstChild);
    var W = svg.clientWidth, H = svg.clientHeight, cell = 64, grid = new Map();
    function cells(b, fn) {
      for (var i = Math.floor(b.x / cell); i <= Math.floor((b.x + b.w) / cell); i++)
        for (var j = Math.floor(b.y / cell); j <= Math.floor((b.y + b.h) / cell); j++) fn(i + "," + j);
    }
    function free(b, labelsOnly) {
      var ok = true;
      cells(b, function (key) {
        (grid.get(key) || []).forEach(function (o) {
          if ((!labelsOnly || o.label) && b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) ok = false;
        });
      });
      return ok;
    }
    function add(b) { cells(b, function (key) { if (!grid.has(key)) grid.set(key, []); grid.get(key).push(b); }); }
    // The hubs (top tenth by links, and the selection) may cover other circles if that is the only way to be named.
    var hubDegree = data.nodes.map(function (n) { return n.degree; }).sort(function (a, b) { return b - a; })[Math.floor(data.nodes.length / 10)] || 0;
    var near = selected ? neighbours(selected) : null;
    var candidates = data.nodes.filter(function (n) { return visible(n) && (!near || n.id === selected || near.has(n.id)); });
    candidates.forEach(function (n) {
      var s = screen(n), r = radius(n);
      add({ x: s[0] - r, y: s[1] - r, w: 2 * r, h: 2 * r });
    });
    candidates.sort(function (a, b) {
      var pa = a.id === selected ? 0 : matches.has(a.id) ? 1 : 2, pb = b.id === selected ? 0 : matches.has(b.id) ? 1 : 2;
      return pa - pb || b.degree - a.degree || (a.id < b.id ? -1 : 1);
    });
    candidates.forEach(function (n) {
      var s = screen(n), r = radius(n);
      if (s[0] < -50 || s[1] < -50 || s[0] > W + 50 || s[1] > H + 50) return;
      var text = shorten(n.label, 44), w = width(text) + 2, h = 15;
      var spots = [[s[0] + r + 3, s[1] - h / 2], [s[0] - r - 3 - w, s[1] - h / 2], [s[0] - w / 2, s[1] - r - 2 - h],
                   [s[0] - w / 2, s[1] + r + 2], [s[0] + r + 3, s[1] - r - h], [s[0] - r - 3 - w, s[1] - r - h],
                   [s[0] + r + 3, s[1] + r], [s[0] - r - 3 - w, s[1] + r]];
      var hub = n.id === selected || n.degree > hubDegree;
      var tries = hub ? spots.concat(spots) : spots;
      for (var i = 0; i < tries.length; i++) {
        var b = { x: tries[i][0], y: tries[i][1], w: w, h: h, label: true };
        if (b.x < 0 || b.y < 0 || b.x + b.w > W || b.y + b.h > H || !free(b, i >= spots.length)) continue;
        add(b);
        labelsG.appendChild(el("rect", { x: b.x.toFixed(1), y: b.y.toFixed(1), width: b.w.toFixed(1), height: h, rx: 2 }));
        labelsG.appendChild(el("text", { x: (b.x + 1).toFixed(1), y: (b.y + 11.5).toFixed(1),
                                         "class": n.id === selected ? "strong" : "" }, text));
        return;
      }
    });
  }

  // --- pan and zoom ------------------------------------------------------------------------
  function radius(n) { return n.r * Math.min(2, Math.max(1, Math.sqrt(view.k))); }
  function screen(n) { return [n.x * view.k + view.x, n.y * view.k + view.y]; }
  var pending = false;
  function apply() {
    viewport.setAttribute("transform", "translate(" + view.x.toFixed(2) + "," + view.y.toFixed(2) + ") scale(" + view.k.toFixed(4) + ")");
    data.nodes.forEach(function (n) { n.el.setAttribute("r", (radius(n) / view.k).toFixed(2)); });
    if (!pending) {
      pending = true;
      requestAnimationFrame(function () { pending = false; placeLabels(); });
    }
  }
  function fit() {
    var shown = data.nodes.filter(visible);
    if (!shown.length) shown = data.nodes;
    var xs = shown.map(function (n) { return n.x; }), ys = shown.map(function (n) { return n.y; });
    var x0 = Math.min.apply(null, xs) - 30, x1 = Math.max.apply(null, xs) + 30;
    var y0 = Math.min.apply(null, ys) - 30, y1 = Math.max.apply(null, ys) + 30;
    var W = svg.clientWidth || 800, H = svg.clientHeight || 600;
    view.k = Math.min(W / (x1 - x0), H / (y1 - y0));
    view.x = (W - (x1 - x0) * view.k) / 2 - x0 * view.k;
    view.y = (H - (y1 - y0) * view.k) / 2 - y0 * view.k;
    apply();
  }
  function zoomAt(factor, mx, my) {
    var k = Math.min(40, Math.max(0.05, view.k * factor));
    view.x = mx - (mx - view.x) * (k / view.k);
    view.y = my - (my - view.y) * (k / view.k);
    view.k = k;
    apply();
  }
  function centreOn(n) {
    var W = svg.clientWidth, H = svg.clientHeight;
    view.k = Math.max(view.k, 1.5);
    view.x = W / 2 - n.x * view.k;
    view.y = H / 2 - n.y * view.k;
    apply();
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = svg.getBoundingClientRect();
    zoomAt(Math.exp(-ev.deltaY * 0.0015), ev.clientX - box.left, ev.clientY - box.top);
  }, { passive: false });
  var drag = null, moved = false;
  svg.addEventListener("pointerdown", function (ev) { drag = { x: ev.clientX, y: ev.clientY }; moved = false; });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    moved = true;
    svg.classList.add("dragging");
    view.x += dx; view.y += dy; drag = { x: ev.clientX, y: ev.clientY };
    apply();
  });
  window.addEventListener("pointerup", function () { drag = null; svg.classList.remove("dragging"); });
  svg.addEventListener("click", function () { if (!moved && selected) { selected = null; showNothing(); refresh(); } });
  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(1.4, svg.clientWidth / 2, svg.clientHeight / 2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(1 / 1.4, svg.clientWidth / 2, svg.clientHeight / 2); });
  document.getElementById("zoom-fit").addEventListener("click", fit);
  window.addEventListener("resize", fit);

  // --- the fact panel ------------------------------------------------------------------------
  function sourceLabel(id) { return sources.has(id) ? sources.get(id).label : id; }
  function showNothing() {
    details.textContent = "";
    details.appendChild(html("p", { "class": "muted" }, "Nothing selected. Click a circle or search for a name."));
  }
  function evidenceBlock(parent, items) {
    items.forEach(function (e) {
      parent.appendChild(html("blockquote", {}, e.quote));
      parent.appendChild(html("p", { "class": "source" }, "\u2014 " + sourceLabel(e.source) + (e.location ? " (" + e.location + ")" : "")));
    });
  }
  function linkedFact(parent, m) {
    var box = html("div", { "class": "fact" });
    var go = html("button", { type: "button", "class": "go", "data-id": m.id }, m.label);
    go.addEventListener("click", function () { select(m.id, true); });
    box.appendChild(go);
    box.appendChild(html("span", { "class": "muted" }, " (" + classes.get(m.cls).label + ")"));
    if (m.text) box.appendChild(html("q", { "class": "said" }, m.text));
    var quotes = m.evidence.filter(function (e) { return e.quote !== m.text; }).slice(0, 1);
    evidenceBlock(box, quotes);
    if (!quotes.length && m.evidence.length) {
      box.appendChild(html("p", { "class": "source" }, "\u2014 " + sourceLabel(m.evidence[0].source)));
    }
    parent.appendChild(box);
  }
  function showDetails(n) {
    details.textContent = "";
    details.appendChild(html("h2", {}, n.label));
    var line = html("p", {});
    var sw = html("span", { "class": "swatch" });
    sw.style.background = classes.get(n.cls).colour;
    line.appendChild(sw);
    line.appendChild(document.createTextNode(classes.get(n.cls).label + " \u00b7 " + n.id));
    details.appendChild(line);
    details.appendChild(html("p", { "class": "muted" }, n.sources.length
      ? "Stated by: " + n.sources.map(sourceLabel).join("; ") : "A reference term (grade, scale or role), not from an article."));
    if (n.literals.length) {
      details.appendChild(html("h3", {}, "Details"));
      var table = html("table", {});
      n.literals.forEach(function (lit) {
        var tr = html("tr", {});
        tr.appendChild(html("td", {}, lit[0]));
        tr.appendChild(html("td", {}, lit[1]));
        table.appendChild(tr);
      });
      details.appendChild(table);
    }
    if (n.evidence.length) {
      details.appendChild(html("h3", {}, "Evidence: the words that state it"));
      evidenceBlock(details, n.evidence);
    }
    var links = [];
    outgoing.get(n.id).forEach(function (e) { links.push([e.labels.join(", "), true, byId.get(e.t)]); });
    incoming.get(n.id).forEach(function (e) { links.push([e.labels.join(", "), false, byId.get(e.s)]); });
    // Groups of links (one per relation and direction) with the most quotations first, then the largest.
    var weight = {};
    links.forEach(function (l) {
      var key = l[1] + l[0];
      weight[key] = weight[key] || [0, 0];
      weight[key][0] += l[2].text ? 1 : 0;
      weight[key][1] += 1;
    });
    links.sort(function (a, b) {
      var wa = weight[a[1] + a[0]], wb = weight[b[1] + b[0]];
      return wb[0] - wa[0] || wb[1] - wa[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) ||
        (a[1] === b[1] ? 0 : a[1] ? -1 : 1) || (a[2].label < b[2].label ? -1 : 1);
    });
    if (links.length) {
      details.appendChild(html("h3", {}, "Linked facts (" + links.length + ")"));
      var heading = null;
      links.forEach(function (l) {
        var text = l[1] ? "this \u2192 " + l[0] + " \u2192 \u2026" : "\u2026 \u2192 " + l[0] + " \u2192 this";
        if (text !== heading) {
          heading = text;
          details.appendChild(html("h4", { "class": "rel" }, text));
        }
        linkedFact(details, l[2]);
      });
    }
    document.getElementById("side").scrollTop = details.offsetTop - document.getElementById("search-box").offsetHeight - 10;
  }
  function select(id, centre) {
    selected = id;
    var n = byId.get(id);
    showDetails(n);
    if (centre) centreOn(n);
    refresh();
  }

  // --- search ------------------------------------------------------------------------------
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    results.textContent = "";
    matches = new Set();
    if (q) {
      var found = data.nodes.filter(function (n) {
        return n.label.toLowerCase().indexOf(q) >= 0 || n.id.toLowerCase().indexOf(q) >= 0;
      });
      found.sort(function (a, b) {
        var ra = a.label.toLowerCase() === q ? 0 : a.label.toLowerCase().indexOf(q) === 0 ? 1 : 2;
        var rb = b.label.toLowerCase() === q ? 0 : b.label.toLowerCase().indexOf(q) === 0 ? 1 : 2;
        return ra - rb || (a.label < b.label ? -1 : 1);
      });
      found.forEach(function (n) { matches.add(n.id); });
      found.slice(0, 30).forEach(function (n) {
        var li = html("li", {});
        var b = html("button", { type: "button", "data-id": n.id });
        var sw = html("span", { "class": "swatch" });
        sw.style.background = classes.get(n.cls).colour;
        b.appendChild(sw);
        b.appendChild(document.createTextNode(n.label));
        b.appendChild(html("span", { "class": "muted" }, " " + classes.get(n.cls).label));
        b.addEventListener("click", function () { select(n.id, true); });
        li.appendChild(b);
        results.appendChild(li);
      });
      if (!found.length) results.appendChild(html("li", { "class": "muted" }, "No entity matches."));
      else if (found.length > 30) results.appendChild(html("li", { "class": "muted" }, (found.length - 30) + " more: type more letters."));
    }
    refresh();
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var first = results.querySelector("button");
    if (first) select(first.getAttribute("data-id"), true);
  });

  // --- filters -------------------------------------------------------------------------------
  function filterList(listId, items, hidden) {
    var list = document.getElementById(listId);
    items.forEach(function (item) {
      var li = html("li", {});
      var label = html("label", {});
      var box = html("input", { type: "checkbox", "data-id": item.id });
      box.checked = true;
      box.addEventListener("change", function () {
        if (box.checked) hidden.delete(item.id); else hidden.add(item.id);
        refresh();
      });
      label.appendChild(box);
      if (item.colour) {
        var sw = html("span", { "class": "swatch" });
        sw.style.background = item.colour;
        label.appendChild(sw);
      }
      label.appendChild(document.createTextNode(item.label + " (" + item.count + ")"));
      li.appendChild(label);
      list.appendChild(li);
    });
  }
  filterList("classes", data.classes, hiddenClasses);
  filterList("sources", data.sources.concat(data.reference ? [data.reference] : []), hiddenSources);

  fit();
  refresh();
  document.body.setAttribute("data-ready", "true");
})();
