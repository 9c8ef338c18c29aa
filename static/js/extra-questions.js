// Show only the extra questions of the topic chosen (e.g. the land parcel number for land questions).
// Hidden ones are disabled, so they are neither sent nor read out. Without JavaScript every topic's
// questions are shown, each under its topic's name, and only the chosen topic's answers count.
(function () {
  "use strict";
  var select = document.getElementById("category");
  var groups = document.querySelectorAll("fieldset.extra-questions");
  if (!select || !groups.length) return;

  function update() {
    groups.forEach(function (group) {
      var mine = group.getAttribute("data-category") === select.value;
      group.hidden = !mine;
      group.disabled = !mine;
    });
  }

  select.addEventListener("change", update);
  update();
})();
