// The glossary's search worker: the theme's own (Material for MkDocs, named in this script's
// query string, loaded from beside it) with the glossary's knowledge around it.
//
// - A query that is a form of a concept's term (any inflection, case or accents, as the
//   build listed them in the entry's `gl` table) puts that concept's entry first.
// - An entry found by a deprecated term says so and names the preferred term.
// - A reader can widen a search to all languages (the switch glossary.js adds to the search
//   dialog, over a BroadcastChannel); the other languages' indexes are then fetched, the
//   theme's index built again with them, and each result in another language says which.
//
// The theme's messages are passed on as they are: a SETUP message (the index), QUERY
// messages (the text typed) and, back to the page, READY and RESULT messages.
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;

  var post = self.postMessage.bind(self);
  var channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("glossary-search") : null;
  var glossary = null; // the index's `glossary` settings: lang, bases, names, scope
  var own = null; // the SETUP data of this language's index, as the page sent it
  var all = null; // the same with every language's entries, once fetched
  var wide = false; // the reader's choice: search all languages
  var building = false; // an index of ours is being fetched or built: queries wait
  var pending = 0; // SETUP messages of ours the theme has not answered (READY) yet
  var fetching = false; // the other languages' indexes are being fetched
  var built = null; // the SETUP data the theme's index was last built from
  var held = []; // queries that came while it was
  var asked = []; // queries passed to the theme, oldest first: each RESULT answers one
  var ours = false; // true while a message of ours is dispatched to the theme's listener
  var byForm = new Map(); // folded form -> [{location, lang, term}]
  var entries = new Map(); // article location -> {lang, terms}

  function fold(text) {
    return text
      .toLowerCase()
      .replace(/ß/g, "ss")
      .normalize("NFKD")
      .replace(/\p{Mn}/gu, "")
      .trim()
      .split(/[\s\-\u2010]+/)
      .join(" ");
  }

  // The query as the reader means it, without the search syntax the theme reads.
  function queryKey(query) {
    return fold(
      query
        .replace(/"/g, " ")
        .split(/\s+/)
        .map(function (word) {
          return word.replace(/^[+-]+/, "").replace(/\*+$/, "").replace(/[~^]\d*$/, "");
        })
        .join(" ")
    );
  }

  function learn(docs, lang) {
    docs.forEach(function (doc) {
      if (!doc.gl) return;
      entries.set(doc.location, { lang: lang, terms: doc.gl.t });
      Object.keys(doc.gl.f).forEach(function (form) {
        var list = byForm.get(form);
        if (!list) byForm.set(form, (list = []));
        list.push({ location: doc.location, lang: lang, term: doc.gl.f[form] });
      });
    });
  }

  function index(data) {
    byForm = new Map();
    entries = new Map();
    data.docs.forEach(function (doc) {
      if (!doc.gl) return;
      learn([doc], doc.glLang || glossary.lang);
    });
  }

  function toTheme(message) {
    ours = true;
    try {
      self.dispatchEvent(new MessageEvent("message", { data: message }));
    } finally {
      ours = false;
    }
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function article(group) {
    for (var i = 0; i < group.length; i++) if (group[i].location.indexOf("#") < 0) return group[i];
    return group[0];
  }

  function docOf(location) {
    var data = all && wide ? all : own;
    for (var i = 0; i < data.docs.length; i++) if (data.docs[i].location === location) return data.docs[i];
    return null;
  }

  // The theme's result, with the entries the query names first and every result labelled.
  function rerank(result, query) {
    var key = queryKey(query);
    var hits = (byForm.get(key) || []).slice().sort(function (a, b) {
      return (a.lang !== glossary.lang) - (b.lang !== glossary.lang) || a.term - b.term;
    });
    var groups = result.items.slice();
    var first = [];
    hits.forEach(function (hit) {
      var at = groups.findIndex(function (group) {
        return article(group).location === hit.location;
      });
      var group = at >= 0 ? groups.splice(at, 1)[0] : null;
      if (group === null) {
        var doc = docOf(hit.location);
        if (doc === null) return;
        group = [Object.assign({}, doc, { score: 0, terms: {} })];
      }
      first.push({ group: group, hit: hit });
    });
    var items = first
      .map(function (found) {
        return label(found.group, found.hit);
      })
      .concat(
        groups.map(function (group) {
          return label(group, null);
        })
      );
    return Object.assign({}, result, { items: items });
  }

  function label(group, hit) {
    return group.map(function (item) {
      var copy = Object.assign({}, item);
      delete copy.tags; // the forms search reads, not tags a reader would use
      delete copy.gl;
      if (item.location.indexOf("#") < 0 && item === article(group)) {
        var entry = entries.get(item.location);
        var lang = (entry && entry.lang) || item.glLang || glossary.lang;
        var note = hit !== null ? entry.terms[hit.term][2] : null; // set for deprecated terms only
        if (note) copy.title += ' <span class="gl-search-note">' + escapeHtml(note) + "</span>";
        if (lang !== glossary.lang)
          copy.title += ' <span class="gl-search-lang" lang="' + escapeHtml(lang) + '">' + escapeHtml(glossary.names[lang] || lang) + "</span>";
      }
      delete copy.glLang;
      return copy;
    });
  }

  // Every language's index, each entry's location made relative to this language's.
  function fetchAll() {
    var root = new URL("../../../", self.location.href);
    var depth = glossary.bases[glossary.lang].split("/").filter(Boolean).length;
    var up = new Array(depth + 1).join("../");
    var langs = Object.keys(glossary.bases);
    return Promise.all(
      langs.map(function (lang) {
        if (lang === glossary.lang) return Promise.resolve(own);
        return fetch(new URL(glossary.bases[lang] + "search/search_index.json", root)).then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + response.url);
          return response.json();
        });
      })
    ).then(function (indexes) {
      var docs = [];
      var codes = [];
      indexes.forEach(function (data, i) {
        var lang = langs[i];
        (data.config.lang || []).forEach(function (code) {
          if (codes.indexOf(code) < 0) codes.push(code);
        });
        data.docs.forEach(function (doc) {
          docs.push(lang === glossary.lang ? doc : Object.assign({}, doc, { location: up + glossary.bases[lang] + doc.location, glLang: lang }));
        });
      });
      return Object.assign({}, own, { config: Object.assign({}, own.config, { lang: codes }), docs: docs });
    });
  }

  // The theme builds the index it is given; `built` is the one it has (or is building).
  function rebuild(data) {
    building = true;
    pending += 1;
    built = data;
    index(data);
    toTheme({ type: SETUP, data: data });
  }

  // The reader's choice, from the page: every language, or this one. The choice may change
  // while an index is fetched or built; what is built in the end is the last choice's.
  function setScope(choice) {
    wide = choice;
    if (own === null) return;
    if (wide && all === null) {
      building = true;
      if (!fetching) {
        fetching = true;
        fetchAll().then(
          function (data) {
            fetching = false;
            all = data;
            apply();
          },
          function (error) {
            fetching = false;
            console.warn("Search in all languages is not available:", error);
            wide = false;
            apply();
          }
        );
      }
      return;
    }
    apply();
  }

  function apply() {
    var target = wide ? all : own;
    if (target !== built) rebuild(target);
    else if (pending === 0) done();
  }

  function done() {
    if (fetching || pending > 0) return; // a later choice is still on its way
    building = false;
    var waiting = held;
    held = [];
    waiting.forEach(function (query) {
      asked.push(query);
      toTheme({ type: QUERY, data: query });
    });
    if (channel && glossary) channel.postMessage({ type: "scoped", lang: glossary.lang, wide: wide });
  }

  self.postMessage = function (message) {
    if (message && message.type === READY && pending > 0) {
      pending -= 1; // ours: the page has had its READY; the last one built says the index is ready
      if (pending === 0) done();
      return;
    }
    if (message && message.type === READY && channel && glossary) {
      post(message);
      return channel.postMessage({ type: "ready", lang: glossary.lang, scope: glossary.scope });
    }
    if (message && message.type === RESULT && glossary) return post({ type: RESULT, data: rerank(message.data, asked.shift() || "") });
    post(message);
  };

  self.addEventListener("message", function (event) {
    if (ours) return;
    var message = event.data;
    if (message && message.type === SETUP) {
      own = built = message.data;
      glossary = (own.config && own.config.glossary) || null;
      all = null;
      wide = false; // until the page says otherwise, once this index is ready
      if (glossary) index(own);
    } else if (message && message.type === QUERY) {
      if (building) {
        event.stopImmediatePropagation();
        held.push(message.data);
      } else {
        asked.push(message.data);
      }
    }
  });

  if (channel)
    channel.addEventListener("message", function (event) {
      var message = event.data;
      if (message && message.type === "scope") setScope(Boolean(message.wide));
    });

  importScripts(new URLSearchParams(self.location.search).get("worker"));

  // Building the index again loads the languages' pipelines again, which Lunr.js reports, each
  // function once, as a warning; nothing is wrong.
  var warn = self.lunr.utils.warn;
  self.lunr.utils.warn = function (message) {
    if (!/^Overwriting existing registered function/.test(String(message))) warn(message);
  };
})();
