// Review page: show a finding's details on hover or focus; a side-table row jumps to its span and marks it.
"use strict";
(function () {
  const detail = document.getElementById("detail");
  const show = (event) => {
    const mark = event.target.closest("mark[data-f]");
    if (mark) detail.textContent = mark.dataset.tip;
  };
  document.getElementById("text").addEventListener("mouseover", show);
  document.getElementById("text").addEventListener("focusin", show);

  const jump = (row) => {
    document.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current"));
    const pieces = document.querySelectorAll('mark[data-f="' + row.dataset.jump + '"]');
    pieces.forEach((m) => m.classList.add("current"));
    if (!pieces.length) return;
    pieces[0].scrollIntoView({ block: "center" });
    pieces[0].focus({ preventScroll: true });
    detail.textContent = pieces[0].dataset.tip;
  };
  document.querySelectorAll("tr[data-jump]").forEach((row) => {
    row.addEventListener("click", () => jump(row));
    row.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        jump(row);
      }
    });
  });
})();
