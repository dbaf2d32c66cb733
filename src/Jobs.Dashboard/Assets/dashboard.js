// The dashboard's only script. Live refresh: while the tab is visible, the page's <main> is fetched again every
// data-refresh-ms and swapped in; a hidden tab asks for nothing. The markup comes from the
// dashboard itself, already encoded; no script ever runs from it (the CSP forbids inline script).
(function () {
  'use strict';
  // "Select every job on this page": ticks or clears the rows' boxes of its form (delegated, as
  // live refresh replaces the table).
  document.addEventListener('change', function (event) {
    var all = event.target;
    if (!all.matches || !all.matches('input[data-select-all]') || !all.form) return;
    var boxes = all.form.querySelectorAll('input[type="checkbox"][name="id"]');
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = all.checked;
  });
  var interval = parseInt(document.body.getAttribute('data-refresh-ms') || '0', 10);
  if (!interval || interval <= 0) return;
  var busy = false;
  function refresh() {
    if (busy || document.visibilityState !== 'visible') return;
    if (editing(document.activeElement)) return;
    if (started()) return;
    busy = true;
    fetch(window.location.href, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (text) {
        if (!text) return;
        var next = new DOMParser().parseFromString(text, 'text/html').getElementById('main');
        var current = document.getElementById('main');
        if (!next || !current) return;
        // Someone moving through the page with the keyboard keeps their place: the element they
        // were on is found again in the new markup (by id, link or field name) and focused.
        var focused = document.activeElement;
        var selector = focused && focused !== current && current.contains(focused) ? selectorOf(focused) : null;
        current.replaceChildren.apply(current, Array.prototype.slice.call(next.childNodes));
        var again = selector ? current.querySelector(selector) : null;
        if (again) again.focus({ preventScroll: true });
      })
      .catch(function () { /* the next tick tries again */ })
      .finally(function () { busy = false; });
  }
  // A field someone is typing in or choosing from keeps what they put there: no swap under it.
  function editing(element) {
    if (!element) return false;
    var tag = element.tagName;
    if (tag === 'SELECT' || tag === 'TEXTAREA') return true;
    return tag === 'INPUT' && ['checkbox', 'radio', 'submit', 'button', 'reset'].indexOf(element.type) < 0;
  }
  function selectorOf(element) {
    var tag = element.tagName.toLowerCase();
    if (element.id) return '#' + CSS.escape(element.id);
    if (element.getAttribute('href')) return tag + '[href="' + CSS.escape(element.getAttribute('href')) + '"]';
    if (element.name) return tag + '[name="' + CSS.escape(element.name) + '"]' + (element.value ? '[value="' + CSS.escape(element.value) + '"]' : '');
    return null;
  }
  // An action form someone began to fill (a ticked job, a reason typed) is not swapped away.
  function started() {
    var fields = document.querySelectorAll('#main form[method="post"] input');
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field.type === 'hidden') continue;
      // A box's value is "on" without a value attribute, whose default is "": only its tick counts.
      var box = field.type === 'checkbox' || field.type === 'radio';
      if (box ? field.checked !== field.defaultChecked : field.value !== field.defaultValue) return true;
    }
    return false;
  }
  setInterval(refresh, interval);
  document.addEventListener('visibilitychange', refresh);
})();
