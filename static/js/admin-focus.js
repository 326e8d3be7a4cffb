// The focal point of a picture: a click on it sets the two percentages beside it.
// (core.admin.focus_picker renders the picture; without JavaScript the numbers are typed.)
document.addEventListener("DOMContentLoaded", () => {
  for (const picker of document.querySelectorAll(".focus-picker")) {
    const image = picker.querySelector("img");
    const mark = picker.querySelector(".focus-picker__mark");
    const x = document.getElementById(picker.dataset.x);
    const y = document.getElementById(picker.dataset.y);
    if (!image || !mark || !x || !y) continue;
    const show = () => {
      mark.style.left = `${x.value || 50}%`;
      mark.style.top = `${y.value || 50}%`;
    };
    picker.classList.add("focus-picker--active");
    image.addEventListener("click", (event) => {
      const box = image.getBoundingClientRect();
      const percent = (offset, size) => Math.min(100, Math.max(0, Math.round((offset / size) * 100)));
      x.value = percent(event.clientX - box.left, box.width);
      y.value = percent(event.clientY - box.top, box.height);
      show();
    });
    x.addEventListener("input", show);
    y.addEventListener("input", show);
  }
});
