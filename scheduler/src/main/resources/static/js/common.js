/* Helpers shared by the pages of the web UI: DOM building, times, table filling, the refresh status. */
'use strict';

const $ = id => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.substring(2), v);
    else if (k === 'className') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function ago(iso) {
  if (!iso) return '';
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  return Math.floor(s / 3600) + ' h ago';
}

function connection(ok, message) {
  const c = $('connection');
  c.textContent = ok ? 'updated ' + new Date().toLocaleTimeString() : message;
  c.className = 'status ' + (ok ? 'ok' : 'bad');
}

function fill(tbody, rows, emptyText, columns) {
  tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: columns, className: 'muted' }, emptyText))]));
}

function number(x) {
  return x >= 100 ? Math.round(x).toLocaleString('en') : (Math.round(x * 10) / 10).toLocaleString('en');
}

/** A byte count in binary units: 0 B, 512 B, 3.3 MiB. */
function byteSize(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : Math.round(n * 10) / 10).toLocaleString('en') + ' ' + units[i];
}

