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

  /* -- index: the claims table, searched, filtered and paged in the browser -------- */
  /* The page holds the table's first page.  The search data (one array per claim) is
     in data/claims-NNNN.js files, loaded one after another once the page has shown (at
     once when the address asks for a filter); each calls claimsetClaims(n, rows).  A
     search runs over what has loaded and runs again as more arrives. */
  var FACETS = ["tag", "unit", "attribution", "qualifier", "stance"];
  var chunks = [];
  var chunkArrived = null;
  window.claimsetClaims = function (number, rows) {
    chunks[number - 1] = rows;
    if (chunkArrived) { chunkArrived(number - 1); }
  };

  function initIndex() {
    var form = document.getElementById("filters");
    var holder = document.getElementById("claims-data");
    if (!form || !holder) { return; }
    var meta = JSON.parse(holder.textContent);
    var F = {};
    meta.fields.forEach(function (name, at) { F[name] = at; });
    var body = document.querySelector("#claims tbody");
    var output = document.getElementById("shown");
    var staticPager = document.getElementById("pager");
    var pager = document.getElementById("result-pager");
    var pageShown = document.getElementById("page-shown");
    var previous = document.getElementById("page-previous");
    var next = document.getElementById("page-next");
    var fields = { q: form.elements.q };
    FACETS.forEach(function (name) { fields[name] = form.elements[name]; });
    var haystacks = [];  // per chunk: each claim's searchable text, lower-cased
    var loading = 0;     // chunks asked for so far
    var failed = null;
    var page = 0;
    var matches = [];
    var active = false;  // the table shows the search's results (not the page as served)

    function loadNext() {
      if (loading >= meta.chunks.length || failed) {
        if (loading >= meta.chunks.length) { form.setAttribute("data-loaded", "true"); }
        return;
      }
      var script = document.createElement("script");
      script.src = meta.chunks[loading];
      loading++;
      script.onload = afterChunk;
      script.onerror = function () { failed = script.getAttribute("src"); apply(false); };
      document.head.appendChild(script);
    }

    // The first file comes at once (a dataset of up to one file's claims is searchable
    // as soon as the page has loaded); the others after the page's load event, so they
    // never hold up its first showing, unless a filter is asked for now.
    function afterChunk() {
      if (active || document.readyState === "complete") {
        loadNext();
      } else {
        window.addEventListener("load", loadNext, { once: true });
      }
    }

    function loaded() {
      var count = 0;
      for (var c = 0; c < chunks.length; c++) { if (chunks[c]) { count += chunks[c].length; } }
      return count;
    }

    function haystack(c) {
      if (!haystacks[c]) {
        haystacks[c] = chunks[c].map(function (row) {
          return [row[F.quote], row[F.figure], row[F.value], row[F.unit], row[F.qualifier],
                  row[F.measure], row[F.period], row[F.attribution], row[F.source],
                  row[F.retracted]].join("\n").toLowerCase();
        });
      }
      return haystacks[c];
    }

    function wanted() {
      var want = { q: fields.q.value.trim().toLowerCase() };
      FACETS.forEach(function (name) { want[name] = fields[name].value; });
      want.tagNumber = want.tag ? meta.tags.indexOf(want.tag) : -1;
      return want;
    }

    function filtering(want) {
      return Boolean(want.q || FACETS.some(function (name) { return want[name]; }));
    }

    function cell(row, text, className) {
      var td = document.createElement("td");
      if (className) { td.className = className; }
      td.textContent = text;
      row.appendChild(td);
      return td;
    }

    function render() {
      var fragment = document.createDocumentFragment();
      var first = page * meta.rows;
      var shown = matches.slice(first, first + meta.rows);
      shown.forEach(function (claim) {
        var tr = document.createElement("tr");
        if (claim[F.retracted]) { tr.className = "retracted"; }
        var td = document.createElement("td");
        var link = document.createElement("a");
        link.href = claim[F.href];
        link.textContent = claim[F.figure];
        td.appendChild(link);
        if (claim[F.retracted]) {
          var note = document.createElement("span");
          note.className = "tag-retracted";
          note.textContent = "retracted: " + claim[F.retracted];
          td.appendChild(document.createTextNode(" "));
          td.appendChild(note);
        }
        tr.appendChild(td);
        cell(tr, claim[F.value], "n");
        [F.unit, F.qualifier, F.measure, F.period, F.attribution, F.source].forEach(
          function (at) { cell(tr, claim[at]); });
        fragment.appendChild(tr);
      });
      body.textContent = "";
      body.appendChild(fragment);
      var pages = Math.max(1, Math.ceil(matches.length / meta.rows));
      pager.hidden = pages < 2;
      previous.disabled = page === 0;
      next.disabled = page >= pages - 1;
      pageShown.textContent = matches.length ? "claims " + (first + 1) + "–" +
        (first + shown.length) + " of " + matches.length + " (page " + (page + 1) + " of " +
        pages + ")" : "";
    }

    function apply(writeHash, keepPage) {
      var want = wanted();
      var have = loaded();
      if (!filtering(want) && !active) {
        output.textContent = meta.total + " claims";
      } else {
        active = true;
        if (staticPager) { staticPager.hidden = true; }
        matches = [];
        for (var c = 0; c < chunks.length; c++) {
          if (!chunks[c]) { continue; }
          var rows = chunks[c];
          var texts = want.q ? haystack(c) : null;
          for (var i = 0; i < rows.length; i++) {
            var claim = rows[i];
            if ((want.tag && claim[F.tags].indexOf(want.tagNumber) < 0) ||
                (want.unit && claim[F.unit] !== want.unit) ||
                (want.attribution && claim[F.attribution] !== want.attribution) ||
                (want.qualifier && claim[F.qualifier] !== want.qualifier) ||
                (want.stance && claim[F.stance] !== want.stance) ||
                (want.q && texts[i].indexOf(want.q) < 0)) { continue; }
            matches.push(claim);
          }
        }
        if (!keepPage) { page = 0; }
        page = Math.min(page, Math.max(0, Math.ceil(matches.length / meta.rows) - 1));
        render();
        var status = matches.length + " of " + meta.total + " claims match";
        if (failed) {
          status += " (" + failed + " could not be loaded: the search covers " + have +
            " claims)";
        } else if (have < meta.total) {
          status += " so far (searched " + have + "; loading the rest…)";
        }
        output.textContent = status;
      }
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
      var asked = readHash();
      fields.q.value = asked.q || "";
      FACETS.forEach(function (name) {
        var select = fields[name];
        var value = asked[name] || "";
        var known = Array.prototype.some.call(select.options, function (option) {
          return option.value === value;
        });
        select.value = known ? value : "";
      });
      apply(false);
    }

    // Each file's search text is made as it arrives, while the reader is still reading
    // the page, so that no search waits for it.
    chunkArrived = function (c) {
      haystack(c);
      if (active) { apply(false, true); }
    };
    form.hidden = false;
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(true); }, 0);
    });
    previous.addEventListener("click", function () { page = Math.max(0, page - 1); render(); });
    next.addEventListener("click", function () { page++; render(); });
    window.addEventListener("hashchange", fromHash);
    fromHash();
    loadNext();
  }

  /* -- source page: select a claim, show it in the panel ------------------------ */
  /* As site.css has it: below this width the panel is under the text, and the selected
     claim shows as a sheet over the bottom of the screen. */
  var PHONE = window.matchMedia("screen and (max-width: 59.99rem)");
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
      document.body.classList.remove("sheet-open");
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
      document.body.classList.add("sheet-open");  // a sheet on a phone (site.css)
      if (options.hash) { replaceHash("#" + encodeURI(articles[first].id)); }
      if (mark && PHONE.matches) {
        // The sheet covers the lower part of the screen: the figure goes above it.
        window.scrollBy(0, mark.getBoundingClientRect().top - window.innerHeight * 0.2);
      } else if (mark && options.scroll) {
        mark.scrollIntoView({ block: "center" });
      }
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
      var close = target.closest && target.closest("article.claim button.close");
      if (close) { putAway(); }
    });
    document.addEventListener("keydown", function (event) {
      var mark = event.target.closest && event.target.closest("#text mark.f");
      if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        select(numbers(mark, "data-c"), { hash: true });
      } else if (event.key === "Escape" && selected.length) {
        putAway();
      }
    });
    function putAway() {
      var back = markOf[selected[0]];
      clear();
      if (hint) { hint.hidden = false; }
      if (back) { back.focus({ preventScroll: true }); }
    }

    window.addEventListener("hashchange", fromHash);
    fromHash();
    // Again once loaded: the browser's own jump to the fragment (the claim's entry
    // in the panel) comes after the first, and focus may move only then.
    if (document.readyState !== "complete") { window.addEventListener("load", fromHash); }
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-for"));
    var status = button.parentNode.querySelector(".copied");
    // The citation, then the claim's own address: this page with the claim's permalink.
    var claim = button.getAttribute("data-claim");
    var text = source.textContent + (claim ? " " + location.href.replace(/#.*$/, "") + "#" +
      encodeURI(claim) : "");
    function done(ok) { status.textContent = ok ? "Copied." : "Select the text above and copy it."; }
    function fallback() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var ok = false;
      function withLink(event) {  // what is copied: the citation and its link
        event.clipboardData.setData("text/plain", text);
        event.preventDefault();
      }
      document.addEventListener("copy", withLink);
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      document.removeEventListener("copy", withLink);
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
