"""The query page served at /: inline CSS and JS only, no CDN; results built as text nodes."""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;max-width:1200px}
textarea{width:100%;height:14em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:3px 6px;
vertical-align:top;text-align:left}th{background:#f3f3f3}#status{color:#555;margin-left:1em}
li{cursor:pointer;color:#04c;margin:2px 0}li:hover{text-decoration:underline}
</style></head><body>
<h1>kg: China data-law knowledge graph</h1>
<p>SPARQL over the store. Prefixes kg:, id:, eli:, org:, oa:, schema:, prov:, skos:, dcterms:,
rdf:, rdfs:, owl:, xsd: are declared. Saved queries:</p>
<ul id="saved"></ul>
<textarea id="q">SELECT ?name WHERE { ?a a kg:NationalAuthority ; skos:prefLabel ?name }
LIMIT 20</textarea>
<br><button id="run">Run</button><span id="status"></span>
<div id="out"></div>
<script>
"use strict";
function text(tag, s){const e=document.createElement(tag);e.textContent=s;return e;}
async function run(){
  const status=document.getElementById('status'), out=document.getElementById('out');
  out.replaceChildren(); status.textContent='running...';
  const body=new URLSearchParams({query:document.getElementById('q').value});
  const r=await fetch('/sparql',{method:'POST',body,
    headers:{'Accept':'application/sparql-results+json'}});
  if(!r.ok){status.textContent='';out.appendChild(text('pre', await r.text()));return;}
  const data=await r.json();
  if('boolean' in data){
    status.textContent=''; out.appendChild(text('p', String(data.boolean))); return;}
  const vars=data.head.vars, table=document.createElement('table');
  const head=document.createElement('tr');
  vars.forEach(v=>head.appendChild(text('th', v))); table.appendChild(head);
  data.results.bindings.forEach(b=>{const tr=document.createElement('tr');
    vars.forEach(v=>tr.appendChild(text('td', b[v] ? b[v].value : ''))); table.appendChild(tr);});
  out.appendChild(table);
  status.textContent=data.results.bindings.length+' row(s)'+
    (r.headers.get('X-KG-Truncated') ? ' (cut at the row limit)' : '');
}
document.getElementById('run').addEventListener('click', run);
fetch('/queries').then(r=>r.json()).then(saved=>{
  const ul=document.getElementById('saved');
  Object.entries(saved).forEach(([name, q])=>{
    const li=text('li', name+': '+q.description);
    li.addEventListener('click',()=>{document.getElementById('q').value=q.text;});
    ul.appendChild(li);});
});
</script></body></html>
"""
