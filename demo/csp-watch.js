// The strict-CSP demo page's watchman, a classic script in <head> so it listens before anything else
// runs: every Content-Security-Policy violation on the page is kept in `window.cspViolations` (the
// browser tests read it) and listed in the page's #csp-status box. Console errors and warnings are
// kept in `window.consoleProblems` (a chart Vega could not draw logs there).
(function () {
  var seen = [];
  window.cspViolations = seen;
  var problems = [];
  window.consoleProblems = problems;
  ['error', 'warn'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      problems.push(level + ': ' + Array.prototype.map.call(arguments, String).join(' '));
      return original.apply(console, arguments);
    };
  });
  function show() {
    var status = document.getElementById('csp-status');
    if (!status) return;
    var count = document.getElementById('csp-count');
    count.textContent = seen.length === 1 ? '1 violation' : seen.length + ' violations';
    status.classList.toggle('bad', seen.length > 0);
    var list = document.getElementById('csp-list');
    list.replaceChildren.apply(
      list,
      seen.map(function (v) {
        var li = document.createElement('li');
        li.textContent = v;
        return li;
      }),
    );
  }
  document.addEventListener('securitypolicyviolation', function (e) {
    seen.push(
      e.violatedDirective +
        ' blocked ' +
        (e.blockedURI || 'inline') +
        (e.sourceFile ? ' in ' + e.sourceFile : ''),
    );
    show();
  });
  document.addEventListener('DOMContentLoaded', show);
})();
