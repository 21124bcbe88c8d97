"""The interactive page: pyvis's vis-network drawing, made to work offline and to be safe.

pyvis's `in_line` mode embeds vis-network but still links Bootstrap from a CDN and a local
stylesheet from node_modules; those tags are removed, so the page makes no request at all. Node
data reaches the page through pyvis's template as JSON escaped for HTML (`tojson`), tooltips are
plain text (vis-network sets them as text), and the legend, search and filters are built with
`textContent`, so nothing from a newsletter is ever parsed as markup.
"""

from __future__ import annotations

import json
import re

import networkx as nx
from pyvis.network import Network

from .network import KINDS, node_size

_EXTERNAL = re.compile(
    r"<link\b[^>]*\bhref=\"(?:https?:|//|\.\./)[^\"]*\"[^>]*/?>"
    r"|<script\b[^>]*\bsrc=\"(?:https?:|//|\.\./)[^\"]*\"[^>]*>\s*</script>",
    re.I | re.S)

OPTIONS = {
    "physics": {"enabled": True, "solver": "forceAtlas2Based",
                "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
                "stabilization": {"enabled": True, "iterations": 400, "fit": True}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
              "font": {"size": 9, "align": "middle"}, "color": {"inherit": False},
              "smooth": False},
    "nodes": {"font": {"size": 12}},
    "interaction": {"hover": True, "tooltipDelay": 150},
}


def _tooltip(data: dict) -> str:
    lines = [str(data.get("label", "")), f"type: {data.get('kind', '')}"]
    if data.get("date"):
        lines.append(f"date: {data['date']}")
    if data.get("status"):
        lines.append(f"status: {data['status']}")
    if data.get("source_headline"):
        start, _, end = str(data["source_span"]).partition("-")
        # An RFC 5147 fragment: a link to the exact characters in the newsletter text.
        lines.append(f"source: {data['source_file']}#char={start},{end}")
        lines.append(f"item: {data['source_headline']}"
                     + (f" ({data['source_date']})" if data.get("source_date") else ""))
        if data.get("items", 1) > 1:
            lines.append(f"named in {data['items']} items")
    return "\n".join(lines)


def render(graph: nx.DiGraph, title: str = "kg graph") -> str:
    """A self-contained HTML page of the graph."""
    net = Network(height="88vh", width="100%", directed=True, cdn_resources="in_line",
                  heading="")
    degree = dict(graph.degree)
    net.nodes = []
    for node, data in graph.nodes(data=True):
        kind = data.get("kind") or "normative document"
        color, shape = KINDS.get(kind, ("#bbbbbb", "dot"))
        label = str(data.get("label") or node)
        net.nodes.append({
            "id": node, "label": label if len(label) <= 48 else label[:46] + "…",
            "title": _tooltip(data), "color": color, "shape": shape,
            "size": node_size(degree.get(node, 0)), "kind": kind, "date": data.get("date") or "",
            "fullLabel": label,
        })
    net.edges = [{"from": a, "to": b, "label": d.get("label", ""), "title": d.get("label", ""),
                  "arrows": "to"} for a, b, d in graph.edges(data=True)]
    net.options = OPTIONS
    html = net.generate_html(notebook=False)
    html = _EXTERNAL.sub("", html)
    html = html.replace("<head>", f"<head><title>{_text(title)}</title>", 1)
    return html.replace("</body>", _controls() + "</body>", 1)


def _text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _controls() -> str:
    legend = json.dumps({k: v[0] for k, v in KINDS.items()})
    return """
<div id="kg-controls" style="position:fixed;top:8px;right:8px;background:#fff;border:1px solid #ccc;
 padding:8px;font:12px sans-serif;max-width:260px;z-index:10">
 <input id="kg-search" placeholder="search a name" style="width:100%"><div id="kg-hits"></div>
 <div style="margin-top:6px">from <input id="kg-from" placeholder="YYYY-MM" size="7">
 to <input id="kg-to" placeholder="YYYY-MM" size="7"></div>
 <div id="kg-legend" style="margin-top:6px"></div>
</div>
<script type="text/javascript">
(function(){
  "use strict";
  const colours = """ + legend + """;
  const shown = {};
  const legend = document.getElementById('kg-legend');
  Object.keys(colours).forEach(function(kind){
    shown[kind] = true;
    const row = document.createElement('label'); row.style.display = 'block';
    const box = document.createElement('input'); box.type = 'checkbox'; box.checked = true;
    const dot = document.createElement('span'); dot.textContent = ' \\u25CF ';
    dot.style.color = colours[kind];
    row.appendChild(box); row.appendChild(dot); row.appendChild(document.createTextNode(kind));
    box.addEventListener('change', function(){ shown[kind] = box.checked; apply(); });
    legend.appendChild(row);
  });
  function apply(){
    const from = document.getElementById('kg-from').value.trim();
    const to = document.getElementById('kg-to').value.trim();
    const updates = nodes.get().map(function(n){
      let hidden = !shown[n.kind];
      if (n.date && from && n.date.slice(0, 7) < from) hidden = true;
      if (n.date && to && n.date.slice(0, 7) > to) hidden = true;
      return {id: n.id, hidden: hidden};
    });
    nodes.update(updates);
  }
  document.getElementById('kg-from').addEventListener('change', apply);
  document.getElementById('kg-to').addEventListener('change', apply);
  const hits = document.getElementById('kg-hits');
  document.getElementById('kg-search').addEventListener('input', function(e){
    const q = e.target.value.toLowerCase(); hits.replaceChildren();
    if (q.length < 2) return;
    nodes.get().filter(function(n){ return n.fullLabel.toLowerCase().includes(q); })
      .slice(0, 8).forEach(function(n){
        const a = document.createElement('div'); a.textContent = n.fullLabel;
        a.style.cursor = 'pointer'; a.style.color = '#04c';
        a.addEventListener('click', function(){ network.selectNodes([n.id]);
          network.focus(n.id, {scale: 1.2, animation: true}); });
        hits.appendChild(a);
      });
  });
  network.once('stabilizationIterationsDone', function(){
    network.setOptions({physics: false}); window.kgStabilised = true; });
  window.kgNodeCount = function(){ return nodes.length; };
})();
</script>
"""
