// While a citizen types the title of a question, show up to five published Q&A that look alike,
// so they may find their answer without asking. Without JavaScript the form works the same.
(function () {
  "use strict";
  var input = document.getElementById("title");
  var box = document.getElementById("title-suggestions");
  if (!input || !box) return;
  var list = box.querySelector("ul");
  var timer = null;
  var last = "";

  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;
      a.target = "_blank";
      li.appendChild(a);
      list.appendChild(li);
    });
    box.hidden = items.length === 0;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      if (q.split(/\s+/).length < 2) { show([]); return; }
      fetch("/api/v1/qa/suggestions?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) { if (input.value.trim() === q) show(items); })
        .catch(function () { show([]); });
    }, 300);
  });
})();
