/*
 * A small highlighter for the Logstash configuration language (the grammar of logstash-core's
 * lscl.treetop): sections, plugins, settings, conditionals, strings, regular expressions, numbers,
 * field references and comments. It gives every character a class, then renders lines of HTML, with
 * the problems of the validation marked at their line and column. It never changes the text.
 */
'use strict';

const LogstashHighlighter = (() => {
  const SECTIONS = new Set(['input', 'filter', 'output']);
  const KEYWORDS = new Set(['if', 'else', 'and', 'or', 'xor', 'nand', 'not', 'in']);
  const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
  const NUMBER = /-?[0-9]+(\.[0-9]+)?/y;
  const FIELD_REF = /(\[[^\[\]\s,"'{}]+\])+/y;
  const OPERATOR = /=>|==|!=|<=|>=|=~|!~|[<>!]/y;

  function at(regex, text, i) {
    regex.lastIndex = i;
    const m = regex.exec(text);
    return m ? m[0].length : 0;
  }

  /** The class of every character of the text ('' for plain). */
  function classify(text) {
    const classes = new Array(text.length).fill('');
    const mark = (from, to, cls) => { for (let k = from; k < to; k++) classes[k] = cls; };
    let depth = 0;
    let lastOperator = '';
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      let n;
      if (c === '#') {
        n = text.indexOf('\n', i);
        n = (n < 0 ? text.length : n) - i;
        mark(i, i + n, 'tok-comment');
      } else if (c === '"' || c === "'" || (c === '/' && (lastOperator === '=~' || lastOperator === '!~'))) {
        let k = i + 1;
        while (k < text.length && text[k] !== c) k += text[k] === '\\' ? 2 : 1;
        n = Math.min(k + 1, text.length) - i;
        mark(i, i + n, c === '/' ? 'tok-regex' : 'tok-string');
        lastOperator = '';
      } else if ((n = at(FIELD_REF, text, i)) > 0) {
        mark(i, i + n, 'tok-field');
      } else if ((n = at(OPERATOR, text, i)) > 0) {
        lastOperator = text.substr(i, n);
        mark(i, i + n, 'tok-operator');
      } else if (/[0-9-]/.test(c) && (n = at(NUMBER, text, i)) > 0) {
        mark(i, i + n, 'tok-number');
      } else if ((n = at(IDENT, text, i)) > 0) {
        const word = text.substr(i, n);
        let k = i + n;
        while (k < text.length && /\s/.test(text[k])) k++;
        let cls;
        if (text[k] === '{' && depth === 0 && SECTIONS.has(word)) cls = 'tok-section';
        else if (KEYWORDS.has(word)) cls = 'tok-keyword';
        else if (text[k] === '{') cls = 'tok-plugin';
        else if (text.startsWith('=>', k)) cls = 'tok-setting';
        else if (word === 'true' || word === 'false') cls = 'tok-number';
        else cls = 'tok-bare';
        mark(i, i + n, cls);
        lastOperator = '';
      } else {
        n = 1;
        if (c === '{') { depth++; classes[i] = 'tok-brace'; }
        else if (c === '}') { depth = Math.max(0, depth - 1); classes[i] = 'tok-brace'; }
        else if (c === '[' || c === ']' || c === ',') classes[i] = 'tok-punct';
      }
      i += n;
    }
    return classes;
  }

  function escape(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  /**
   * The HTML of the text, one <span class="line"> per line; problems ({severity, line, column, message},
   * 1-based) mark their line and the word at their column. Lines are blocks (CSS), so an empty last line
   * shows as the textarea shows it.
   */
  function render(text, problems) {
    const classes = classify(text);
    const byLine = new Map();
    for (const p of problems || []) {
      if (p.line > 0) {
        if (!byLine.has(p.line)) byLine.set(p.line, []);
        byLine.get(p.line).push(p);
      }
    }
    const lines = text.split('\n');
    let offset = 0;
    const html = [];
    lines.forEach((line, index) => {
      const number = index + 1;
      const lineProblems = byLine.get(number) || [];
      const marked = new Array(line.length + 1).fill('');
      for (const p of lineProblems) {
        const start = Math.max(0, Math.min(line.length, (p.column || 1) - 1));
        let end = start;
        while (end < line.length && /\S/.test(line[end])) end++;
        const cls = p.severity === 'WARNING' ? 'mark-warning' : 'mark-error';
        for (let k = start; k < Math.max(end, start + 1); k++) marked[k] = cls;
      }
      let out = '';
      let k = 0;
      while (k < line.length) {
        const cls = classes[offset + k];
        const m = marked[k];
        let e = k + 1;
        while (e < line.length && classes[offset + e] === cls && marked[e] === m) e++;
        const text = escape(line.substring(k, e));
        const all = [cls, m].filter(Boolean).join(' ');
        out += all ? '<span class="' + all + '">' + text + '</span>' : text;
        k = e;
      }
      if (marked[line.length]) out += '<span class="' + marked[line.length] + '"> </span>';
      const severity = lineProblems.some(p => p.severity !== 'WARNING') ? ' line-error' : lineProblems.length ? ' line-warning' : '';
      html.push('<span class="line' + severity + '">' + out + '</span>');
      offset += line.length + 1;
    });
    return html.join('');
  }

  return { classify, render };
})();
