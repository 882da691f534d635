// The action page's behaviour: look a ZIP or district up in the embedded data, show each
// official with a call script and a letter, copy buttons. Nothing is fetched, stored or sent.
// Every text from the data reaches the page through textContent, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("civickit-data").textContent);
  var base = document.documentElement.lang;
  var lang = base;
  var ui = data.ui;
  var byKey = {};
  // One visit, one stand-in writer: the letters and scripts of that variant throughout.
  var variant = Math.floor(Math.random() * 1000);

  function say(name, values) {
    return ui[name].replace(/\{(\w+)\}/g, function (all, key) {
      return values && key in values ? values[key] : all;
    });
  }

  // "CA-12", "ca 12", "CA-01", "WY-AL", "WY", "NH-HD-Hillsborough 12" all meet at one key.
  function key(text) {
    var words = text.toUpperCase().replace(/AT[\s_-]*LARGE/g, "AL").match(/[A-Z]+|\d+/g) || [];
    return words.map(function (w) { return /^\d+$/.test(w) ? String(parseInt(w, 10)) : w; }).join("-");
  }
  data.districts.forEach(function (d, i) {
    byKey[key(d.label)] = i;
    if (/^[A-Z]{2}-AL$/.test(d.label)) byKey[d.label.slice(0, 2)] = i;
    if (/^[A-Z]{2}$/.test(d.label)) byKey[d.label + "-AL"] = i;
  });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  // Numbers and lists as Babel words them in the page's language ("64 %" in Spanish).
  function percent(permille) {
    var p = Math.round(permille / 10);
    return p < 1 ? ui.less_than_1 : ui.percent.replace("{p}", String(p));
  }

  function joined(items) {
    var two = function (pattern, a, b) { return pattern.replace("{0}", a).replace("{1}", b); };
    if (items.length < 2) return items.join("");
    if (items.length === 2) return two(ui.list_2, items[0], items[1]);
    var text = two(ui.list_end, items[items.length - 2], items[items.length - 1]);
    for (var i = items.length - 3; i > 0; i--) text = two(ui.list_middle, items[i], text);
    return two(ui.list_start, items[0], text);
  }

  function you() {
    var get = function (id) { return document.getElementById(id).value.trim(); };
    return { name: get("your-name"), street: get("your-street"), city: get("your-city"),
             story: document.getElementById("your-story").value.replace(/\r\n?/g, "\n").trim() };
  }

  function pick(list) { return list[variant % list.length]; }

  // The letters and scripts of an official in the page's language (its other languages
  // are under their codes).
  function texts(official) { return lang === base ? official : official[lang]; }
  function districtName(district) { return lang === base ? district.name : district[lang].name; }

  function fill(text, me) {
    var story = me.story ? me.story + "\n\n" : "";
    text = text.split("[[STORY]]\n\n").join(story).split("[[STORY]]").join(me.story);
    text = text.split("[[NAME]]").join(me.name || ui.your_name);
    text = text.split("[[STREET]]").join(me.street || ui.your_street);
    return text.split("[[CITY_LINE]]").join(me.city || ui.your_city);
  }

  function copyFrom(area, button) {
    var done = function () {
      var note = button.nextElementSibling;
      if (!note || !note.classList.contains("copied")) {
        note = el("span", "", "copied");
        note.setAttribute("role", "status");
        button.after(note);
      }
      note.textContent = ui.copied;
    };
    var fallback = function () { area.select(); document.execCommand("copy"); done(); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(done, fallback);
    } else {
      fallback();
    }
  }

  function officialCard(official, index) {
    var card = el("article", null, "official");
    var heading = texts(official).heading;
    card.appendChild(el("h4", heading));
    if (official.vacant) {
      card.appendChild(el("p", ui.vacant_note, "vacant"));
      return card;
    }
    var phones = el("div", null, "phones");
    var more = el("details");
    more.appendChild(el("summary", say("other_offices", { count: official.phones.length - 1 })));
    official.phones.forEach(function (phone, n) {
      var labels = texts(official).labels;
      var link = el("a", say("call", { label: labels ? labels[n] : phone.label }) + " ");
      link.href = "tel:" + phone.tel;
      link.appendChild(el("span", phone.number, "number"));
      (n === 0 ? phones : more).appendChild(link);
    });
    if (official.phones.length > 1) phones.appendChild(more);
    if (!official.phones.length) phones.appendChild(el("p", ui.no_phone));
    card.appendChild(phones);
    var scriptBox = el("details");
    scriptBox.appendChild(el("summary", ui.script));
    var script = el("p", fill(pick(texts(official).scripts), you()), "script");
    script.dataset.official = String(index);
    scriptBox.appendChild(script);
    card.appendChild(scriptBox);
    var letterBox = el("details");
    letterBox.appendChild(el("summary", ui.letter));
    var id = "letter-" + index;
    var label = el("label", say("letter_to", { heading: heading }));
    label.htmlFor = id;
    var area = el("textarea");
    area.id = id;
    area.rows = 14;
    area.value = fill(pick(texts(official).letters), you());
    area.dataset.official = String(index);
    var copy = el("button", ui.copy_letter);
    copy.type = "button";
    copy.addEventListener("click", function () { copyFrom(area, copy); });
    letterBox.appendChild(label);
    letterBox.appendChild(area);
    letterBox.appendChild(copy);
    var yours = el("a", ui.add_yourself);
    yours.href = "#you";
    letterBox.appendChild(el("p", null, "hint")).appendChild(yours);
    if (official.contact_form) {
      var form = el("a", say("contact_form", { name: official.name }));
      form.href = official.contact_form;
      form.rel = "noopener noreferrer";
      letterBox.appendChild(el("p")).appendChild(form);
    }
    card.appendChild(letterBox);
    return card;
  }

  function showDistrict(index, results) {
    var district = data.districts[index];
    var heading = el("h3", say("officials_for", { label: district.label, name: districtName(district) }));
    heading.tabIndex = -1;
    results.appendChild(heading);
    district.officials.forEach(function (i) { results.appendChild(officialCard(data.officials[i], i)); });
    var state = district.label.slice(0, 2);
    if (district.kind === "cd" && data.state_data.indexOf(state) >= 0) {
      results.appendChild(el("p", say("state_hint", { state: state }), "hint"));
    }
    document.getElementById("you").hidden = false;
    return heading;
  }

  function fail(input, error, text) {
    input.setAttribute("aria-invalid", "true");
    var only = data.only_states.length ? " " + say("only", { states: data.only_states.join(", ") }) : "";
    error.textContent = text + only;
  }

  function show(text) {
    var results = document.getElementById("results");
    var error = document.getElementById("place-error");
    var input = document.getElementById("place");
    results.textContent = "";
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    var value = text.trim();
    var zip = value.match(/^(\d{5})(?:[-\s]?\d{4})?$/);
    if (zip) {
      var rows = data.zips[zip[1]];
      if (!rows) { fail(input, error, say("zip_unknown", { zip: zip[1] })); return; }
      if (rows.length === 1) { showDistrict(rows[0][0], results); return; }
      var parts = rows.map(function (r) { return data.districts[r[0]].label + " (" + percent(r[1]) + ")"; });
      var split = el("p", say("split", { zip: zip[1], parts: joined(parts) }), "split");
      results.appendChild(split);
      var choices = el("div", null, "choices");
      rows.forEach(function (r) {
        var b = el("button", data.districts[r[0]].label, "secondary");
        b.type = "button";
        b.addEventListener("click", function () {
          choices.querySelectorAll("button").forEach(function (o) { o.setAttribute("aria-pressed", "false"); });
          b.setAttribute("aria-pressed", "true");
          var shown = document.getElementById("chosen");
          shown.textContent = "";
          showDistrict(r[0], shown).focus();
        });
        b.setAttribute("aria-pressed", "false");
        choices.appendChild(b);
      });
      results.appendChild(choices);
      var census = el("a", ui.census);
      census.href = data.census;
      census.rel = "noopener noreferrer";
      results.appendChild(el("p")).appendChild(census);
      var chosen = el("div");
      chosen.id = "chosen";
      results.appendChild(chosen);
      return;
    }
    var index = key(value) in byKey ? byKey[key(value)] : -1;
    if (index < 0) {
      fail(input, error, (value ? say("not_a_place", { value: value }) + " " : "") + ui.example);
      return;
    }
    showDistrict(index, results);
  }

  function refill() {
    var me = you();
    document.querySelectorAll("textarea[data-official]").forEach(function (area) {
      area.value = fill(pick(texts(data.officials[parseInt(area.dataset.official, 10)]).letters), me);
    });
    document.querySelectorAll("p.script[data-official]").forEach(function (p) {
      p.textContent = fill(pick(texts(data.officials[parseInt(p.dataset.official, 10)]).scripts), me);
    });
  }

  // The language switch: show one version of the campaign's texts, relabel the page and
  // show again what was shown, in that language.
  function switchTo(code) {
    lang = code;
    ui = code === base ? data.ui : data.ui_text[code];
    document.documentElement.lang = code;
    document.querySelectorAll("[data-version]").forEach(function (node) {
      node.hidden = node.dataset.version !== code;
    });
    document.querySelectorAll("[data-language]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.language === code));
    });
    document.querySelectorAll("[data-ui]").forEach(function (node) {
      node.textContent = ui[node.dataset.ui];
    });
    document.querySelectorAll("[data-href]").forEach(function (node) {
      node.setAttribute("href", ui[node.dataset.href]);
      node.setAttribute("hreflang", code);
    });
    document.title = ui.title;
    if (document.getElementById("results").hasChildNodes()) show(document.getElementById("place").value);
  }
  document.querySelectorAll("[data-language]").forEach(function (button) {
    button.addEventListener("click", function () { switchTo(button.dataset.language); });
  });

  document.querySelectorAll(".needs-js").forEach(function (node) { node.classList.add("ready"); });
  document.getElementById("find-form").addEventListener("submit", function (event) {
    event.preventDefault();
    show(document.getElementById("place").value);
  });
  ["your-name", "your-street", "your-city", "your-story"].forEach(function (id) {
    document.getElementById(id).addEventListener("input", refill);
  });
  document.querySelectorAll("[data-copy-previous]").forEach(function (button) {
    button.addEventListener("click", function () {
      copyFrom(button.previousElementSibling, button);
    });
  });
})();
