// The graph of claims and sources, drawn with the vendored Cytoscape.js from graph-data.js.
(function () {
  "use strict";
  var el = document.getElementById("gc-graph");
  var data = window.GLUTECLAIMS_GRAPH;
  if (!el || !data || typeof cytoscape === "undefined") return;
  var root = new URL("../", location.href);
  var VERDICT = { supported: "#15803d", opposite: "#b91c1c", "little-or-no-difference": "#b91c1c", conflicting: "#b45309", uncertain: "#6b7280", "not-studied": "#9ca3af" };
  var EDGE = { "favours-claim": "#15803d", "favours-opposite": "#b91c1c", asserts: "#7c3aed", disputes: "#0f5f8a" };
  var cy = cytoscape({
    container: el,
    elements: data.nodes.concat(data.edges),
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 9, "min-zoomed-font-size": 7, "text-wrap": "ellipsis", "text-max-width": 120, "color": "#111827", "text-valign": "bottom", "text-margin-y": 3, "width": 16, "height": 16 } },
      { selector: "node[kind = 'claim']", style: { "shape": "ellipse", "width": 24, "height": 24, "background-color": function (n) { return VERDICT[n.data("verdict")] || "#6b7280"; } } },
      { selector: "node[kind = 'study']", style: { "shape": "rectangle", "background-color": "#334155" } },
      { selector: "node[kind = 'failed']", style: { "shape": "rectangle", "background-color": "#ffffff", "border-width": 2, "border-color": "#b91c1c", "border-style": "dashed" } },
      { selector: "node[kind = 'popular']", style: { "shape": "diamond", "background-color": "#7c3aed" } },
      { selector: "edge", style: { "width": 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.7, "line-color": function (e) { return EDGE[e.data("kind")] || "#9ca3af"; }, "target-arrow-color": function (e) { return EDGE[e.data("kind")] || "#9ca3af"; } } },
      { selector: "edge[kind = 'contradicts'], edge[kind = 'depends-on'], edge[kind = 'refines']", style: { "line-style": "dashed", "line-color": "#111827", "target-arrow-color": "#111827" } },
      { selector: ".faded", style: { "opacity": 0.15 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#f59e0b" } }
    ],
    // Positions are computed once when the site is built (a seeded layout): the same picture on every load.
    layout: { name: "preset", fit: true, padding: 10 }
  });
  window.gcGraph = cy;  // for the console and the browser tests
  var said = document.getElementById("gc-graph-selected");
  cy.on("tap", "node", function (event) {
    var node = event.target;
    var near = node.closedNeighborhood();
    cy.elements().addClass("faded");
    near.removeClass("faded");
    said.textContent = "";
    var link = document.createElement("a");
    link.href = new URL(node.data("url"), root).href;
    link.textContent = node.data("label");
    said.appendChild(link);
    said.appendChild(document.createTextNode(" — " + node.data("detail") + ". " + (near.nodes().length - 1) + " linked."));
    // Zoom to what it links to: on a phone the whole graph is too small to read.
    cy.animate({ fit: { eles: near, padding: 30 } }, { duration: 250 });
  });
  cy.on("tap", function (event) {
    if (event.target !== cy) return;
    cy.elements().removeClass("faded");
    cy.animate({ fit: { eles: cy.elements(), padding: 10 } }, { duration: 250 });
  });
  cy.on("dbltap", "node", function (event) { location.href = new URL(event.target.data("url"), root).href; });
})();
