/* claimset site: filters on the index, claim selection on source pages.
   Plain JavaScript, no library, no network.  Every page works without it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function readHash() {
    var found = {};
    var raw = location.hash.replace(/^#/, "");
    raw.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) {
        try {
          found[decodeURIComponent(pair.slice(0, at))] =
            decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
        } catch (error) { /* a malformed escape: ignore that pair */ }
      }
    });
    return found;
  }

  function replaceHash(hash) {
    var url = location.href.replace(/#.*$/, "") + hash;
    try { history.replaceState(null, "", url); } catch (error) { /* e.g. sandboxed */ }
  }

  /* -- index: search and filters over the embedded claims data ------------------ */
  var FACETS = ["tag", "unit", "attribution", "qualifier", "stance"];

  function initIndex() {
    var form = document.getElementById("filters");
    var holder = document.getElementById("claims-data");
    if (!form || !holder) { return; }
    var data = JSON.parse(holder.textContent);
    var rows = document.querySelectorAll("#claims tbody tr");
    var output = document.getElementById("shown");
    var search = null;  // lower-cased text per row, built on the first search
    var fields = { q: form.elements.q };
    FACETS.forEach(function (name) { fields[name] = form.elements[name]; });

    function apply(writeHash) {
      var query = fields.q.value.trim().toLowerCase();
      var want = {};
      FACETS.forEach(function (name) { want[name] = fields[name].value; });
      var tagNumber = want.tag ? data.tags.indexOf(want.tag) : -1;
      if (query && search === null) {
        search = [];
        for (var r = 0; r < rows.length; r++) {
          search.push((data.claims[r][0] + "\n" + rows[r].textContent).toLowerCase());
        }
      }
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var claim = data.claims[i];
        var keep = !(want.tag && claim[1].indexOf(tagNumber) < 0) &&
          !(want.unit && claim[2] !== want.unit) &&
          !(want.attribution && claim[3] !== want.attribution) &&
          !(want.qualifier && claim[4] !== want.qualifier) &&
          !(want.stance && claim[5] !== want.stance) &&
          !(query && search[i].indexOf(query) < 0);
        rows[i].hidden = !keep;
        if (keep) { shown++; }
      }
      output.textContent = shown + " of " + rows.length + " claims shown";
      if (writeHash) {
        var parts = [];
        ["q"].concat(FACETS).forEach(function (name) {
          var value = name === "q" ? fields.q.value.trim() : want[name];
          if (value) { parts.push(name + "=" + encodeURIComponent(value)); }
        });
        replaceHash(parts.length ? "#" + parts.join("&") : "");
      }
    }

    function fromHash() {
      var wanted = readHash();
      fields.q.value = wanted.q || "";
      FACETS.forEach(function (name) {
        var select = fields[name];
        var value = wanted[name] || "";
        var known = Array.prototype.some.call(select.options, function (option) {
          return option.value === value;
        });
        select.value = known ? value : "";
      });
      apply(false);
    }

    form.hidden = false;
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(true); }, 0);
    });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  }

  /* -- source page: select a claim, show it in the panel ------------------------ */
  function initSource() {
    var articles = document.querySelectorAll("article.claim");
    var marks = document.querySelectorAll("#text mark.f");
    var runs = document.querySelectorAll("#text [data-q]");
    var hint = document.getElementById("panel-hint");
    var markOf = {};
    var byId = {};
    var selected = [];
    Array.prototype.forEach.call(marks, function (mark) {
      mark.getAttribute("data-c").split(" ").forEach(function (n) {
        if (!(n in markOf)) { markOf[n] = mark; }
      });
      mark.setAttribute("aria-pressed", "false");
    });
    Array.prototype.forEach.call(articles, function (article) { byId[article.id] = article; });

    function numbers(element, name) {
      return element.getAttribute(name).split(" ");
    }

    function clear() {
      selected.forEach(function (n) {
        articles[n].classList.remove("selected");
        var mark = markOf[n];
        if (mark) { mark.classList.remove("active"); mark.setAttribute("aria-pressed", "false"); }
      });
      Array.prototype.forEach.call(document.querySelectorAll("#text .sel"), function (run) {
        run.classList.remove("sel");
      });
      selected = [];
    }

    function select(chosen, options) {
      clear();
      selected = chosen.filter(function (n) { return articles[n]; });
      if (!selected.length) { return; }
      var first = selected[0];
      selected.forEach(function (n) { articles[n].classList.add("selected"); });
      var mark = markOf[first];
      if (mark) { mark.classList.add("active"); mark.setAttribute("aria-pressed", "true"); }
      Array.prototype.forEach.call(runs, function (run) {
        if (numbers(run, "data-q").indexOf(first) >= 0) { run.classList.add("sel"); }
      });
      if (hint) { hint.hidden = true; }
      if (options.hash) { replaceHash("#" + encodeURI(articles[first].id)); }
      if (mark && options.scroll) { mark.scrollIntoView({ block: "center" }); }
      if (mark && options.focus) { mark.focus({ preventScroll: true }); }
    }

    function fromHash() {
      var id;
      try { id = decodeURIComponent(location.hash.replace(/^#/, "")); } catch (error) { return; }
      var article = byId[id];
      if (article) {
        select([article.getAttribute("data-n")], { scroll: true, focus: true, hash: false });
      }
    }

    document.addEventListener("click", function (event) {
      var target = event.target;
      var mark = target.closest && target.closest("#text mark.f");
      if (mark) {
        select(numbers(mark, "data-c"), { hash: true });
        return;
      }
      var run = target.closest && target.closest("#text [data-q]");
      if (run) {
        var inner = numbers(run, "data-q");
        select([inner[0]], { hash: true });
        return;
      }
      var button = target.closest && target.closest("button.copy");
      if (button) { copy(button); }
    });
    document.addEventListener("keydown", function (event) {
      var mark = event.target.closest && event.target.closest("#text mark.f");
      if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        select(numbers(mark, "data-c"), { hash: true });
      } else if (event.key === "Escape" && selected.length) {
        var back = markOf[selected[0]];
        clear();
        if (hint) { hint.hidden = false; }
        if (back) { back.focus(); }
      }
    });
    window.addEventListener("hashchange", fromHash);
    fromHash();
    // Again once loaded: the browser's own jump to the fragment (the claim's entry
    // in the panel) comes after the first, and focus may move only then.
    if (document.readyState !== "complete") { window.addEventListener("load", fromHash); }
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-for"));
    var status = button.parentNode.querySelector(".copied");
    var text = source.textContent;
    function done(ok) { status.textContent = ok ? "Copied." : "Select the text above and copy it."; }
    function fallback() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function start() {
    var page = document.body.getAttribute("data-page");
    if (page === "index") { initIndex(); } else if (page === "source") { initSource(); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
